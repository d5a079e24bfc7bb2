import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../src/schema/compat-check.js';
import { record, tuples } from '../support/compat-helpers.js';

const status = (symbols: string, extra = '') =>
  record('Order', [`{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": [${symbols}]${extra}}}`]);
const hash = (name: string, size: number, extra = '') =>
  record('Order', [`{"name": "hash", "type": {"type": "fixed", "name": "${name}", "size": ${size}${extra}}}`]);

describe('enums', () => {
  it('BACKWARD: a removed symbol breaks readers, pointing at the old symbol', () => {
    const result = checkCompatibility(
      { path: 'new.avsc', text: status('"NEW"') },
      [{ path: 'old.avsc', text: status('"NEW", "PAID"') }],
      'BACKWARD',
    );
    expect(tuples(result)).toEqual([['MISSING_ENUM_SYMBOLS', 'new.avsc', 2, 2]]);
    expect(result.findings[0]?.previousLocation?.column).toBe(84);
    expect(result.findings[0]?.message).toContain('no longer has the symbols PAID');
  });

  it('BACKWARD: a reader enum default absorbs removed symbols', () => {
    const result = checkCompatibility(
      { path: 'new.avsc', text: status('"NEW"', ', "default": "NEW"') },
      [{ path: 'old.avsc', text: status('"NEW", "PAID"') }],
      'BACKWARD',
    );
    expect(result.status).toBe('compatible');
  });

  it('FORWARD: an added symbol breaks old readers without an enum default, pointing at the new symbol', () => {
    const result = checkCompatibility(
      { path: 'new.avsc', text: status('"NEW", "PAID"') },
      [{ path: 'old.avsc', text: status('"NEW"') }],
      'FORWARD',
    );
    expect(tuples(result)).toEqual([['MISSING_ENUM_SYMBOLS', 'new.avsc', 2, 2]]);
    expect(result.findings[0]?.location.column).toBe(84);
  });
});

describe('names', () => {
  it('a renamed type breaks both directions', () => {
    const v1 = hash('Hash', 16);
    const v2 = hash('Digest', 16);
    expect(
      tuples(checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'FULL')),
    ).toEqual([
      ['NAME_MISMATCH', 'new.avsc', 2, 2],
      ['NAME_MISMATCH', 'new.avsc', 2, 2],
    ]);
  });

  it('a reader alias of the old full name makes a rename backward compatible only', () => {
    const v2 = hash('Digest', 16, ', "aliases": ["com.acme.Hash"]');
    expect(
      checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: hash('Hash', 16) }], 'BACKWARD')
        .status,
    ).toBe('compatible');
    expect(
      checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: hash('Hash', 16) }], 'FORWARD')
        .status,
    ).toBe('incompatible');
  });

  it('a namespace change alone is compatible: Avro compares unqualified names', () => {
    const v2 = hash('Hash', 16, ', "namespace": "org.other"');
    expect(
      checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: hash('Hash', 16) }], 'FULL').status,
    ).toBe('compatible');
  });

  it('a fixed that changes size breaks', () => {
    expect(
      tuples(
        checkCompatibility(
          { path: 'new.avsc', text: hash('Hash', 32) },
          [{ path: 'old.avsc', text: hash('Hash', 16) }],
          'BACKWARD',
        ),
      ),
    ).toEqual([['FIXED_SIZE_MISMATCH', 'new.avsc', 2, 2]]);
  });
});
