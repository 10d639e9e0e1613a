import type { Permission } from '@/lib/auth/roles';

/** Every section with the permission its page needs (the layout shows those the role has). */
export const NAV_LINKS = [
  { href: '/', label: 'Scorecard', permission: 'view' },
  { href: '/kpis', label: 'KPIs', permission: 'view' },
  { href: '/cycle-time', label: 'Cycle time', permission: 'view' },
  { href: '/returns', label: 'Returns', permission: 'view' },
  { href: '/org', label: 'Teams', permission: 'view' },
  { href: '/orders', label: 'Orders', permission: 'drill' },
  { href: '/data', label: 'Data', permission: 'view' },
  { href: '/benchmarks', label: 'Benchmarks', permission: 'view' },
  { href: '/reports', label: 'Reports', permission: 'view' },
  { href: '/alerts', label: 'Alerts', permission: 'view' },
  { href: '/admin', label: 'Admin', permission: 'users' },
] as const satisfies readonly { href: string; label: string; permission: Permission }[];
