import { beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { parseViewQuery } from '@/app/ui/views/view-query';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { migrate } from '@/lib/db/migrations';
import { listViews, removeView, saveView, VIEW_NAME_MAX } from './saved-views';
import { isViewPath } from './view-paths';

let db: Database;
beforeEach(async () => {
  db = await openMemoryDatabase();
  await migrate(db);
});

const save = (owner: string, input: unknown) => saveView(db, owner, input, parseViewQuery);

describe('saved views', () => {
  it('keep each user’s views apart, the query as its page writes it', async () => {
    const north = await save('mia', {
      name: 'North, Q1',
      path: '/kpis/order_fill_rate',
      // Keys out of order, a repeated list key and a key the page does not own.
      query: '?site=DC-North&to=2024-03-31&from=2024-01-01&channel=web&channel=b2b&utm=x',
    });
    expect(north).toMatchObject({
      owner: 'mia',
      name: 'North, Q1',
      path: '/kpis/order_fill_rate',
      query: '?from=2024-01-01&to=2024-03-31&site=DC-North&channel=web%2Cb2b',
      href: '/kpis/order_fill_rate?from=2024-01-01&to=2024-03-31&site=DC-North&channel=web%2Cb2b',
    });
    await save('mia', { name: 'all cycle time', path: '/cycle-time', query: '' });
    await save('ana', { name: 'North, Q1', path: '/orders', query: 'status=shipped&page=2' });

    expect((await listViews(db, 'mia')).map((v) => v.name)).toEqual([
      'all cycle time',
      'North, Q1',
    ]);
    const [ana] = await listViews(db, 'ana');
    expect(ana!.href).toBe('/orders?status=shipped&page=2');

    // The same name again replaces the view: still two of Mia's.
    const replaced = await save('mia', { name: 'North, Q1', path: '/', query: 'site=DC-South' });
    expect(replaced.id).toBe(north.id);
    expect(replaced.href).toBe('/?site=DC-South');
    expect(await listViews(db, 'mia')).toHaveLength(2);

    // Ana cannot remove Mia's view: to her it is not there.
    await expect(removeView(db, 'ana', north.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await removeView(db, 'mia', north.id)).name).toBe('North, Q1');
    expect((await listViews(db, 'mia')).map((v) => v.name)).toEqual(['all cycle time']);
  });

  it('open only pages of the app, with a query the page accepts', async () => {
    for (const path of [
      'https://evil.example',
      '//evil.example',
      '/api/users',
      '/kpis/../admin',
      '/admin',
      'kpis',
      '/kpis/Order',
    ])
      expect(isViewPath(path), path).toBe(false);
    for (const path of [
      '/',
      '/kpis',
      '/kpis/order_fill_rate',
      '/cycle-time',
      '/orders',
      '/returns',
      '/reports',
    ])
      expect(isViewPath(path), path).toBe(true);

    await expect(
      save('mia', { name: 'x', path: '//evil.example', query: '' }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(save('mia', { name: '', path: '/', query: '' })).rejects.toBeInstanceOf(ZodError);
    await expect(
      save('mia', { name: 'n'.repeat(VIEW_NAME_MAX + 1), path: '/', query: '' }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      save('mia', { name: 'x', path: '/kpis/no_such_kpi', query: '' }),
    ).rejects.toMatchObject({
      code: 'unknown_kpi',
    });
    // A range that ends before it starts, or a grain the page does not know, is refused whole.
    await expect(
      save('mia', { name: 'x', path: '/', query: 'from=2024-03-01&to=2024-01-01' }),
    ).rejects.toThrow(/filters are not valid: .*from must not be after to/);
    await expect(
      save('mia', { name: 'x', path: '/cycle-time', query: 'grain=fortnight' }),
    ).rejects.toMatchObject({
      code: 'bad_options',
    });
    expect(await listViews(db, 'mia')).toEqual([]);
  });
});
