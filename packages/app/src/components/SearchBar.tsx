import { Input, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CAN_SCAN, scanBarcode } from '../lib/scan';
import { Scan, Search } from './icons';

interface Props {
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  /** Called with a scanned code; only offered where a scanner exists. */
  onScan?: (code: string) => void;
}

/** Searches as the user pauses typing, so a fast typist does not fire a request per key. */
export function SearchBar({ value, onSearch, placeholder = '搜索名称或编码', onScan }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text === value) return undefined;
    const timer = setTimeout(() => onSearch(text.trim()), 350);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <View className="search">
      <View className="search__icon">
        <Search size={16} />
      </View>
      <Input
        className="search__input"
        value={text}
        placeholder={placeholder}
        confirmType="search"
        onInput={(e) => setText(e.detail.value)}
        onConfirm={() => onSearch(text.trim())}
      />
      {CAN_SCAN && onScan ? (
        <View
          className="search__scan"
          onClick={() => {
            void scanBarcode().then((code) => code && onScan(code));
          }}
        >
          <Scan size={16} /> 扫码
        </View>
      ) : null}
    </View>
  );
}
