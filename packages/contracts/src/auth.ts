import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '@xiaocang/domain';
import { z } from 'zod';
import { Id, IsoDate, PlainString, RequiredText, Status, Timestamp } from './common.ts';

export const Role = z.enum(['owner', 'staff']);

export const Username = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z0-9_.@-]+$/, 'may contain letters, digits and _ . @ - only');
/** A new password: the domain's rule (lengths also stated here, so the OpenAPI document shows them). */
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem && problem.code !== 'TOO_SHORT' && problem.code !== 'TOO_LONG') ctx.addIssue({ code: 'custom', message: problem.message });
  });
/** A password as typed at login: any existing password, however old its rules. */
const GivenPassword = z.string().min(1, 'is required').max(PASSWORD_MAX_LENGTH);

export const StaffPermissions = z.object({
  disableInbound: z.boolean(),
  disableOutbound: z.boolean(),
  adminApproval: z.boolean(),
  hideInboundPrice: z.boolean(),
  ownRecordsOnly: z.boolean(),
  hideInventory: z.boolean(),
  disableProductEdit: z.boolean(),
  disableStockPoint: z.boolean(),
});
export type StaffPermissions = z.infer<typeof StaffPermissions>;

/** A staff member's own settings of some switches; every switch not named follows the shop's set. */
export const StaffPermissionOverrides = StaffPermissions.partial();
export type StaffPermissionOverrides = z.infer<typeof StaffPermissionOverrides>;

/** Changes to a member's overrides: true or false sets the switch for this member, null returns it to the shop's set. */
export const StaffPermissionChanges = z.partialRecord(StaffPermissions.keyof(), z.boolean().nullable());
export type StaffPermissionChanges = z.infer<typeof StaffPermissionChanges>;

export const User = z.object({
  id: Id,
  username: z.string(),
  realName: z.string(),
  role: Role,
  status: Status,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastLoginAt: Timestamp.nullable(),
});
export type User = z.infer<typeof User>;

export const Shop = z.object({
  id: Id,
  name: z.string(),
  staffPermissions: StaffPermissions,
  allowNegativeStock: z.boolean(),
  /** Bill lines and ledger rows older than this many months move to the archive; null: never. */
  archiveAfterMonths: z.number().int().nullable(),
  /** Every archived row is dated before this day; null: nothing archived. */
  archivedBefore: IsoDate.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Shop = z.infer<typeof Shop>;

export const RegisterRequest = z.object({
  shopName: RequiredText(60),
  username: Username,
  password: Password,
  realName: RequiredText(40),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

/** A device token proves an earlier login from this device: its failed logins are counted apart from strangers'. */
const DeviceToken = z.string().max(200);

export const LoginRequest = z.object({
  username: PlainString.trim().min(1, 'is required').max(64),
  password: GivenPassword,
  deviceToken: DeviceToken.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** deviceToken: keep it on the device and send it with the next login there. */
export const Session = z.object({ token: z.string(), deviceToken: z.string(), user: User, shop: Shop });
export type Session = z.infer<typeof Session>;

/** The caller, their shop and the switches that bind them (all false for an owner). */
export const Me = z.object({ user: User, shop: Shop, permissions: StaffPermissions });
export type Me = z.infer<typeof Me>;

export const UpdateShopRequest = z.object({
  name: RequiredText(60).optional(),
  staffPermissions: StaffPermissions.partial().optional(),
  allowNegativeStock: z.boolean().optional(),
  archiveAfterMonths: z.number().int().min(3).max(120).nullable().optional(),
});
export type UpdateShopRequest = z.infer<typeof UpdateShopRequest>;

/** A staff member as the owner manages them: their overrides, and the switches that bind them with those. */
export const StaffMember = User.extend({ permissionOverrides: StaffPermissionOverrides, permissions: StaffPermissions });
export type StaffMember = z.infer<typeof StaffMember>;

export const CreateStaffRequest = z.object({
  username: Username,
  password: Password,
  realName: RequiredText(40),
  permissionOverrides: StaffPermissionChanges.default({}),
});
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;
export const UpdateStaffRequest = z.object({
  realName: RequiredText(40).optional(),
  status: Status.optional(),
  permissionOverrides: StaffPermissionChanges.optional(),
});
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;
export const ResetPasswordRequest = z.object({ password: Password });

export const ChangePasswordRequest = z.object({ currentPassword: GivenPassword, newPassword: Password });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;
