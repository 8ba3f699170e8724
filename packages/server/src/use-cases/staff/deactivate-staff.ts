import type { StaffMember } from '@xiaocang/contracts';
import type { UseCaseContext } from '../../http/context.ts';
import { updateStaff } from './update-staff.ts';

export function deactivateStaff(context: UseCaseContext, staffId: string): Promise<StaffMember> {
  return updateStaff(context, staffId, { status: 'inactive' });
}
