import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../src/objects/types.ts';
import {
  annotateSecretHashes,
  mergeWithLive,
  rotate,
  secretHash,
  secretHashAnnotation,
  secretObject,
  writePrivateFile,
} from '../../src/secrets/index.ts';

const b = (s: string) => Buffer.from(s);
const desired = secretObject({ name: 'db', namespace: 'ns', data: { password: b('fresh'), host: b('db.ns') } });
const live = secretObject({ name: 'db', namespace: 'ns', data: { password: b('kept'), host: b('old-host') } });

describe('mergeWithLive', () => {
  it('keeps generated keys from the live Secret; other keys follow their sources', () => {
    const merged = mergeWithLive('db', desired, live, ['password']);
    assert.deepEqual(merged['data'], { host: b('db.ns').toString('base64'), password: b('kept').toString('base64') });
    assert.deepEqual(mergeWithLive('db', desired, undefined, ['password'])['data'], desired['data']);
  });

  it('rotate forces the fresh value', () => {
    const merged = mergeWithLive('db', desired, live, ['password'], [rotate('db')]);
    assert.equal(
      merged['data'] && (merged['data'] as Record<string, string>)['password'],
      b('fresh').toString('base64'),
    );
    const other = mergeWithLive('db', desired, live, ['password'], [rotate('other')]);
    assert.equal((other['data'] as Record<string, string>)['password'], b('kept').toString('base64'));
  });
});

describe('secret hashes roll exactly the users of a secret', () => {
  const deployment = (name: string, secret: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'ns' },
    spec: {
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', envFrom: [{ secretRef: { name: secret } }] }] },
      },
    },
  });
  const cron: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'backup', namespace: 'ns' },
    spec: { jobTemplate: { spec: { template: { spec: { volumes: [{ name: 'v', secret: { secretName: 'db' } }] } } } } },
  };

  it('secretHash changes with content only', () => {
    assert.equal(secretHash(desired), secretHash(structuredClone(desired)));
    assert.notEqual(secretHash(desired), secretHash(live));
    assert.match(secretHash(desired), /^[0-9a-f]{16}$/);
  });

  it('annotates the pod templates that use the secret, and only those', () => {
    const objects = [deployment('api', 'db'), deployment('web', 'other'), cron];
    const out = annotateSecretHashes(objects, [{ namespace: 'ns', name: 'db', hash: 'h1' }], 'default');
    const ann = (o: KubeObject, path: string[]) =>
      path.reduce<unknown>((x, p) => (x as Record<string, unknown> | undefined)?.[p], o) as
        Record<string, string> | undefined;
    assert.deepEqual(ann(out[0]!, ['spec', 'template', 'metadata', 'annotations']), {
      'convoy.dev/secret-hash-db': 'h1',
    });
    assert.deepEqual(ann(out[0]!, ['spec', 'template', 'metadata', 'labels']), { app: 'api' });
    assert.equal(out[1], objects[1]);
    assert.deepEqual(ann(out[2]!, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'annotations']), {
      'convoy.dev/secret-hash-db': 'h1',
    });
    assert.equal(ann(objects[0]!, ['spec', 'template', 'metadata', 'annotations']), undefined, 'input untouched');
  });

  it('annotation keys stay within 63 characters after the prefix', () => {
    assert.equal(secretHashAnnotation('db'), 'convoy.dev/secret-hash-db');
    const long = secretHashAnnotation('x'.repeat(63));
    assert.ok(long.split('/')[1]!.length <= 63);
    assert.notEqual(long, secretHashAnnotation(`${'x'.repeat(62)}y`));
  });
});

describe('writePrivateFile', () => {
  it('writes mode 0600, also over an existing world-readable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convoy-priv-'));
    try {
      const path = join(dir, 'sub', 'ca.key');
      await writePrivateFile(path, 'secret');
      assert.equal(statSync(path).mode & 0o777, 0o600);
      const existing = join(dir, 'old.key');
      writeFileSync(existing, 'x');
      chmodSync(existing, 0o644);
      await writePrivateFile(existing, 'secret');
      assert.equal(statSync(existing).mode & 0o777, 0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
