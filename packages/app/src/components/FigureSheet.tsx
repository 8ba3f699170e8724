import { View } from '@tarojs/components';
import { FIGURE_DEFINITIONS, type FigureKey } from '@xiaocang/domain/figure-definitions';
import { useState, type ReactNode } from 'react';
import { Button } from './nut';
import { Sheet } from './Sheet';

export type { FigureKey };

/** A figure to explain, and where the person may want to go from there. */
export interface Explained {
  key: FigureKey;
  next?: { label: string; go: () => void };
}

/** A tap on a figure opens a sheet with what it means, in the words the domain defines it with. */
export function useFigureSheet(): { explain: (explained: Explained) => void; sheet: ReactNode } {
  const [shown, setShown] = useState<Explained | null>(null);
  const close = () => setShown(null);
  const definition = shown ? FIGURE_DEFINITIONS[shown.key] : null;
  const sheet = (
    <Sheet title={definition ? `${definition.label}是怎么算的` : ''} open={shown !== null} onClose={close}>
      {definition ? <View className={`figure-definition figure-definition-${shown!.key}`}>{definition.text}</View> : null}
      {shown?.next ? (
        <Button
          type="primary"
          fill="outline"
          block
          className="figure-next"
          onClick={() => {
            close();
            shown.next!.go();
          }}
        >
          {shown.next.label}
        </Button>
      ) : null}
    </Sheet>
  );
  return { explain: setShown, sheet };
}

/** One figure of a report: its label and value; a tap explains it. */
export function FigureCell({ figure, value, explain, tone }: { figure: FigureKey; value: string; explain: (explained: Explained) => void; tone?: 'good' | 'bad' }) {
  return (
    <View className={`figure figure-${figure}${tone ? ` figure--${tone}` : ''}`} onClick={() => explain({ key: figure })}>
      <View className="figure__label">{FIGURE_DEFINITIONS[figure].label}</View>
      <View className="figure__value num">{value}</View>
    </View>
  );
}
