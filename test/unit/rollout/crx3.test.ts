// CRX3 signing: the id follows Chrome's rule, the signature verifies, and tampering or bad input is caught.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCrx3, extensionIdFromPublicKey, loadRsaPrivateKey, publicKeyDer, readCrx3, writeZip } from '../../../lib/rollout/index.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const zip = writeZip([{ path: 'manifest.json', data: Buffer.from('{"manifest_version":3,"name":"t","version":"1.0"}') }]);

describe('CRX3', () => {
  it("derives the id the way Chrome does (the development key's known id)", () => {
    const devKey =
      'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnJgWJ3pBAM1+AJ7a8ouiekuxH4Ad8vg27DHctXmFqg6eD1Kca49JkAOLg+zfLV349F2geAdLxtApfS7SY4NFhAgH85dqsFD54dubw4XlkAU8UQnC3oB6shPn1I/buw3i9WMibOqsRXXfCXmJbMpIPpjVP0pIAVKliTu8FeZ7IpQDPj9c8uzjN5NHNU3d1KAvFmq81uigwA5c5ngp7RTmWLR8wYYqIks9xbNIzd6TOGXeQmxUtm8FfyXLl5elGnLMfsrm6V8Prf9GP7JeUY0xA6ENyqerMzasb6TSuLGwFE7K27diteOj//p+5RA/E2tLW1LcjMmvUfgp0IE9OExESQIDAQAB';
    expect(extensionIdFromPublicKey(Buffer.from(devKey, 'base64'))).toBe('pgopfmhdjmndnfnnpndadlibeccoghhp');
  });

  it('writes Cr24, version 3, and a header whose signature verifies and whose crx_id matches the key', () => {
    const { crx, extensionId } = createCrx3(zip, privateKey);
    expect(crx.subarray(0, 4).toString('ascii')).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    expect(extensionId).toBe(extensionIdFromPublicKey(publicKeyDer(privateKey)));
    const read = readCrx3(crx);
    expect(read).toMatchObject({ extensionId, signatureValid: true });
    expect(read.zip.equals(zip)).toBe(true);
  });

  it('reports a changed archive as not signed', () => {
    const { crx } = createCrx3(zip, privateKey);
    const tampered = Buffer.from(crx);
    tampered[tampered.length - 30]! ^= 0xff;
    expect(readCrx3(tampered).signatureValid).toBe(false);
  });

  it('rejects files that are not CRX3 and keys that are not RSA PEM', () => {
    expect(() => readCrx3(Buffer.from('PK\x03\x04....'))).toThrow(/does not start with "Cr24"/);
    const v2 = Buffer.from('Cr24\x02\x00\x00\x00\x00\x00\x00\x00', 'binary');
    expect(() => readCrx3(v2)).toThrow(/unsupported CRX version 2/);
    expect(() => loadRsaPrivateKey('not a key')).toThrow(/not a readable PEM private key/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => loadRsaPrivateKey(ec)).toThrow(/must be an RSA key, not ec/);
  });
});
