import { DEFAULT_STAFF_PERMISSIONS } from '@xiaocang/domain';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MemberSwitches, memberChoices } from '../../src/components/MemberSwitches';

describe('a staff member\'s own switches', () => {
  it('follow the shop for every switch the member has not set', () => {
    expect(memberChoices({ hideInventory: true, adminApproval: false })).toEqual({
      ...Object.fromEntries(Object.keys(DEFAULT_STAFF_PERMISSIONS).map((key) => [key, null])),
      hideInventory: true,
      adminApproval: false,
    });
    expect(Object.values(memberChoices(undefined)).every((choice) => choice === null)).toBe(true);
  });

  it('say what the shop has, mark the member\'s own settings and change one switch at a time', () => {
    const onChange = vi.fn();
    const choices = memberChoices({ hideInventory: true });
    const { container } = render(<MemberSwitches shop={{ ...DEFAULT_STAFF_PERMISSIONS, hideInboundPrice: true }} choices={choices} onChange={onChange} />);
    const row = (key: string) => container.querySelector(`.member-switch-${key}`)!;
    expect(row('hideInboundPrice').textContent).toContain('跟随全店（开启）');
    expect(row('hideInboundPrice').querySelector('.chip--on')!.textContent).toBe('跟随全店（开启）');
    expect(row('hideInventory').querySelector('.chip--on')!.textContent).toBe('开启');
    expect(container.querySelectorAll('.badge')).toHaveLength(1);
    expect(screen.getAllByText('单独设置')).toHaveLength(1);

    fireEvent.click(row('ownRecordsOnly').querySelectorAll('.chip')[1]!);
    expect(onChange).toHaveBeenLastCalledWith({ ...choices, ownRecordsOnly: true });
    fireEvent.click(row('hideInventory').querySelectorAll('.chip')[0]!);
    expect(onChange).toHaveBeenLastCalledWith({ ...choices, hideInventory: null });
  });
});
