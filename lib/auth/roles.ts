/**
 * Who may do what. One table, read by every route handler, page and CLI command through
 * lib/auth/access.ts; a permission a role does not list is denied.
 */
export const ROLES = ['admin', 'analyst', 'manager', 'executive'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  view: 'see the KPIs, benchmarks, data coverage and the load ledger',
  drill: 'open the orders behind a number',
  export: 'download reports, charts and order lists',
  upload: 'upload and load extracts',
  mappings: 'save and remove mapping profiles',
  undo: 'undo loads',
  bands: 'import and remove benchmark band sets',
  targets: 'set and remove targets',
  annotate: 'add and remove notes on dates (shown on trends and in reports)',
  inputs: 'enter the FTE and cost figures and the working calendar',
  users: 'create users, change roles, reset passwords',
  audit: 'read the audit log',
  settings: 'change the organisation name, logo and peer profile',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const everything = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: everything,
  // Analysts prepare the packs executives read, so they download them too.
  analyst: ['view', 'drill', 'export', 'upload', 'mappings', 'undo', 'bands', 'inputs', 'annotate'],
  manager: ['view', 'drill', 'targets', 'annotate'],
  executive: ['view', 'export'],
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  analyst: 'Analyst',
  manager: 'Manager',
  executive: 'Executive',
};

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
