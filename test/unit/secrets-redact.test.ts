import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { ConvoyError } from '../../src/errors.ts';
import { createCa } from '../../src/pki/index.ts';
import { buildSecrets, Redactor, REDACTED } from '../../src/secrets/index.ts';
import { SecretsSection } from '../../src/stack/schema-secrets.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/secrets/', import.meta.url));

/** Every byte string a leak could show: the values, their base64, each line of multi-line values. */
function leakProbes(values: Buffer[]): string[] {
  const probes: string[] = [];
  for (const v of values) {
    const text = v.toString('utf8');
    probes.push(v.toString('base64'));
    if (!text.includes('\ufffd')) probes.push(text);
    for (const line of text.split('\n')) if (line.length >= 8 && !line.startsWith('-----')) probes.push(line);
  }
  return probes;
}

describe('Redactor', () => {
  it('scrubs generated, file, env and certificate values from YAML, JSON, diffs and errors', async () => {
    const ca = await createCa('ca', { commonName: 'CA', validity: '1h', algorithm: 'ecdsa-p256' });
    const spec = SecretsSection.parse({
      db: { generate: { password: { length: 24 }, raw: { kind: 'bytes', length: 16 } } },
      api: { env: { key: { var: 'API_KEY' } } },
      files: { files: { list: ['conf=halo/duchy_cert_config.textproto', 'halo/worker2_cs_cert.der'] } },
      tls: { certificate: { issuer: 'ca', dnsNames: ['web'] } },
    });
    const built = await buildSecrets(spec, {
      baseDir: FIXTURES,
      namespace: 'ns',
      env: { API_KEY: 'sk-live-0123456789' },
      cas: new Map([['ca', ca]]),
    });
    const r = new Redactor();
    for (const s of built) r.addData(s.data);
    const values = built.flatMap((s) => Object.values(s.data));

    const objects = built.map((s) => s.object);
    const yamlText = objects.map((o) => stringify(o)).join('---\n');
    const jsonText = JSON.stringify(objects, null, 2);
    const plain = built
      .flatMap((s) => Object.entries(s.data).map(([k, v]) => `${s.name}.${k}: ${v.toString('utf8')}`))
      .join('\n');
    const diff = plain
      .split('\n')
      .map((l) => `- ${l}\n+ ${l}`)
      .join('\n');
    const password = built.find((s) => s.name === 'db')!.data['password']!.toString();
    const err = new ConvoyError('E_KUBE', `Secret "db" is invalid: data.password: "${password}"`, {
      fix: `retry with ${password}`,
      cause: new Error(`server said sk-live-0123456789 and ${password}`),
    });

    const outputs = [
      r.redact(yamlText),
      r.redact(jsonText),
      r.redact(plain),
      r.redact(diff),
      r.redactError(err),
      JSON.stringify(r.redactDeep(JSON.parse(jsonText))),
    ];
    for (const out of outputs) {
      for (const probe of leakProbes(values))
        assert.ok(!out.includes(probe), `leaked ${JSON.stringify(probe.slice(0, 20))}…`);
      assert.ok(out.includes(REDACTED));
    }
    assert.match(r.redactError(err), /^Secret "db" is invalid: data\.password: "<redacted>"/);
    assert.match(r.redactError(err), /caused by: Error: server said <redacted> and <redacted>/);
  });

  it('replaces the longest value first and leaves short values alone', () => {
    const r = new Redactor();
    r.add('abcd');
    r.add('abcdefgh');
    r.add('ab');
    assert.equal(r.redact('x abcdefgh y abcd z ab'), 'x <redacted> y <redacted> z ab');
    assert.equal(r.redact('nothing here'), 'nothing here');
  });

  it('scrubs JSON-escaped forms of values with quotes and newlines', () => {
    const r = new Redactor();
    const value = 'pa"ss\\word\nline-two-secret';
    r.add(value);
    assert.equal(r.redact(JSON.stringify({ v: value })), '{"v":"<redacted>"}');
    assert.equal(r.redact('only line-two-secret'), 'only <redacted>');
  });
});
