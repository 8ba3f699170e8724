/**
 * The only tables without shop_id: everything else belongs to one shop and carries shop_id in its
 * primary key, unique constraints and foreign keys (checked against the catalog by a test).
 */
export const GLOBAL_TABLES = ['shops', 'login_names', 'login_attempts', 'share_tokens', 'wechat_logins', 'schema_migrations'] as const;
