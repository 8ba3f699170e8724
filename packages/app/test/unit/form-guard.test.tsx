import { history } from '@tarojs/router';
import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useFormGuard } from '../../src/hooks/useFormGuard';
import { guardLeaving as guardLeavingInMiniProgram } from '../../src/lib/leave-guard.ts';
import { keepOpenForm, keptFormUrl } from '../../src/state/kept-form';
import { me, signIn } from '../fixtures';
import { page } from '../taro-stub';

const showModal = vi.mocked(Taro.showModal);
const FORM_URL = '/sub/bill/edit/index?direction=in';

/** A form of one field, guarded like the bill, product and master-data forms. */
function Form() {
  const [remarks, setRemarks] = useState('');
  const guard = useFormGuard({ url: FORM_URL, value: { remarks }, pristine: { remarks: '' }, restore: (kept) => setRemarks(kept.remarks) });
  return (
    <>
      <input aria-label="备注" value={remarks} onChange={(e) => setRemarks(e.target.value)} />
      <button onClick={guard.release}>已保存</button>
    </>
  );
}

const remarks = () => screen.getByLabelText('备注') as HTMLInputElement;
const type = (text: string) => fireEvent.change(remarks(), { target: { value: text } });
const at = (path: string) => waitFor(() => expect(history.location.pathname).toBe(path));

/** Presses back and waits for the question; the browser has put the form back by the time a person answers. */
async function backAndAsk(): Promise<(leave: boolean) => void> {
  let answer: (leave: boolean) => void = () => undefined;
  const asked = showModal.mock.calls.length;
  showModal.mockImplementationOnce(() => new Promise((resolve) => (answer = (leave) => resolve({ confirm: leave, cancel: !leave } as never))));
  act(() => history.back());
  await waitFor(() => expect(showModal).toHaveBeenCalledTimes(asked + 1));
  await new Promise((resolve) => setTimeout(resolve, 30));
  return answer;
}

beforeEach(async () => {
  Taro.clearStorage();
  showModal.mockReset();
  vi.mocked(Taro.showToast).mockClear();
  await signIn(me('owner'));
  // Home, then the form on top of it.
  history.replace('/home');
  history.push('/form');
});

describe('leaving a form in the browser (H5)', () => {
  it('asks before the back button leaves a changed form: staying keeps it, giving up leaves', async () => {
    render(<Form />);
    type('半截');
    let answer = await backAndAsk();
    expect(showModal.mock.calls[0]![0]).toMatchObject({ title: '确定放弃编辑？' });
    expect(history.location.pathname).toBe('/form');
    act(() => answer(false));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(history.location.pathname).toBe('/form');
    expect(remarks().value).toBe('半截');

    answer = await backAndAsk();
    act(() => answer(true));
    await at('/home');
  });

  it('lets an untouched form go without asking', async () => {
    render(<Form />);
    act(() => history.back());
    await at('/home');
    expect(showModal).not.toHaveBeenCalled();
  });

  it('lets a page open on top of the form and close again, and asks only when the form itself is left', async () => {
    render(<Form />);
    type('半截');
    act(() => history.push('/ledger'));
    await at('/ledger');
    act(() => page.hide());
    act(() => history.back());
    await at('/form');
    act(() => page.show());
    expect(showModal).not.toHaveBeenCalled();

    const answer = await backAndAsk();
    act(() => answer(true));
    await at('/home');
  });

  it('stops asking once the form is saved', async () => {
    render(<Form />);
    type('半截');
    fireEvent.click(screen.getByText('已保存'));
    act(() => history.back());
    await at('/home');
    expect(showModal).not.toHaveBeenCalled();
  });
});

describe('an expired session', () => {
  it('keeps the open form and puts its content back after the same user signs in again', async () => {
    const first = render(<Form />);
    type('过期前写的');
    keepOpenForm('1');
    // The app now goes to the login page on its own: nothing asks.
    act(() => history.replace('/login'));
    await at('/login');
    expect(showModal).not.toHaveBeenCalled();
    first.unmount();

    expect(keptFormUrl('1')).toBe(FORM_URL);
    const again = render(<Form />);
    await waitFor(() => expect(remarks().value).toBe('过期前写的'));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复未保存的内容' }));
    again.unmount();
    // Handed out once.
    render(<Form />);
    expect(remarks().value).toBe('');
  });

  it('drops the form when someone else signs in', () => {
    render(<Form />);
    type('过期前写的');
    keepOpenForm('1');
    expect(keptFormUrl('2')).toBeNull();
    expect(keptFormUrl('1')).toBeNull();
  });

  it('keeps only the way back to an untouched form', async () => {
    const first = render(<Form />);
    keepOpenForm('1');
    first.unmount();
    expect(keptFormUrl('1')).toBe(FORM_URL);
    render(<Form />);
    expect(remarks().value).toBe('');
    expect(Taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复未保存的内容' }));
  });
});

describe('leaving a form in the mini-program', () => {
  it('has WeChat ask on the back gesture, button and key until released', () => {
    const stop = guardLeavingInMiniProgram('确定放弃编辑？', '填写的内容还没有保存。');
    expect(Taro.enableAlertBeforeUnload).toHaveBeenCalledWith({ message: '确定放弃编辑？填写的内容还没有保存。' });
    stop();
    expect(Taro.disableAlertBeforeUnload).toHaveBeenCalledOnce();
  });
});
