import type { StaffMember } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { updateStaff } from './update-staff.ts';

export function deactivateStaff(db: Database, actor: Actor, staffId: string): Promise<StaffMember> {
  return updateStaff(db, actor, { id: staffId, changes: { status: 'inactive' } });
}
