import { describe, expect, it } from 'vitest';
import type { RegistryRequest } from '../../src/apply/registry-transport.js';
import { HttpSchemaRegistry } from '../../src/apply/schema-registry.js';

const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}-value`);

/** A registry answering `GET /subjects` as Apicurio does: at most 1,000 names, paged by offset and limit. */
function apicurio(total: number, paged: boolean) {
  const seen: string[] = [];
  const transport = async (request: RegistryRequest) => {
    const url = new URL(request.url);
    seen.push(`${request.method} ${url.pathname.replace('/apis/ccompat/v7', '')}${url.search}`);
    const offset = paged ? Number(url.searchParams.get('offset') ?? 0) : 0;
    const limit = Math.min(paged ? Number(url.searchParams.get('limit') ?? 1000) : 1000, 1000);
    return { status: 200, text: JSON.stringify(names(offset, Math.min(offset + limit, total))) };
  };
  return { registry: new HttpSchemaRegistry({ url: 'http://r.test/apis/ccompat/v7', transport }), seen };
}

describe('HttpSchemaRegistry.listSubjects', () => {
  it('reads every page, where a plain GET /subjects stops at 1,000', async () => {
    const { registry, seen } = apicurio(2_500, true);
    const subjects = await registry.listSubjects();
    expect(subjects).toHaveLength(2_500);
    expect(new Set(subjects).size).toBe(2_500);
    expect(seen).toEqual([
      'GET /subjects?offset=0&limit=1000',
      'GET /subjects?offset=1000&limit=1000',
      'GET /subjects?offset=2000&limit=1000',
    ]);
  });

  it('stops when a registry that ignores paging answers the same names again', async () => {
    const { registry, seen } = apicurio(1_000, false);
    expect(await registry.listSubjects()).toHaveLength(1_000);
    expect(seen).toHaveLength(2);
  });
});
