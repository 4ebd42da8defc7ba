// CRX3, Chrome's signed package: "Cr24", version 3, a CrxFileHeader protobuf with an RSA-SHA256 proof, then the ZIP.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const MAGIC = Buffer.from('Cr24', 'ascii');
const SIGNED_DATA_PREFIX = Buffer.from('CRX3 SignedData\x00', 'binary');
// CrxFileHeader / SignedData / AsymmetricKeyProof field numbers (components/crx_file/crx3.proto).
const FIELD_SHA256_WITH_RSA = 2;
const FIELD_SIGNED_HEADER_DATA = 10000;
const FIELD_CRX_ID = 1;
const FIELD_PUBLIC_KEY = 1;
const FIELD_SIGNATURE = 2;

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** A length-delimited protobuf field. */
function field(number: number, value: Buffer): Buffer {
  return Buffer.concat([varint(number * 8 + 2), varint(value.length), value]);
}

/** Length-delimited fields of one protobuf message (other wire types are skipped). */
function readFields(buf: Buffer): Array<{ number: number; value: Buffer }> {
  const out: Array<{ number: number; value: Buffer }> = [];
  let i = 0;
  const readVarint = () => {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (i >= buf.length) throw new Error('truncated protobuf varint');
      const b = buf[i++]!;
      result += (b & 0x7f) * scale;
      if (!(b & 0x80)) return result;
      scale *= 128;
    }
  };
  while (i < buf.length) {
    const tag = readVarint();
    const wire = tag % 8;
    const number = Math.floor(tag / 8);
    if (wire === 2) {
      const len = readVarint();
      if (i + len > buf.length) throw new Error('truncated protobuf field');
      out.push({ number, value: buf.subarray(i, i + len) });
      i += len;
    } else if (wire === 0) readVarint();
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

/** DER SubjectPublicKeyInfo of a key (the form Chrome hashes for the extension id and stores in the manifest). */
export function publicKeyDer(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}

/** The Chromium extension id of a public key: first 16 bytes of SHA-256 of its DER, hex digits 0-f written a-p. */
export function extensionIdFromPublicKey(der: Buffer): string {
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Reads a PEM RSA private key (PKCS#1 or PKCS#8) with a clear error when it is not one. */
export function loadRsaPrivateKey(pem: string | Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`the CRX signing key is not a readable PEM private key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the CRX signing key must be an RSA key, not ${key.asymmetricKeyType}`);
  return key;
}

function signedPayload(signedHeaderData: Buffer, zip: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(signedHeaderData.length, 0);
  return Buffer.concat([SIGNED_DATA_PREFIX, size, signedHeaderData, zip]);
}

/** Signs a ZIP into a CRX3 file with an RSA private key. */
export function createCrx3(zip: Buffer, privateKey: KeyObject): { crx: Buffer; extensionId: string } {
  const der = publicKeyDer(privateKey);
  const crxId = createHash('sha256').update(der).digest().subarray(0, 16);
  const signedHeaderData = field(FIELD_CRX_ID, crxId);
  const signature = sign('sha256', signedPayload(signedHeaderData, zip), privateKey);
  const header = Buffer.concat([
    field(FIELD_SHA256_WITH_RSA, Buffer.concat([field(FIELD_PUBLIC_KEY, der), field(FIELD_SIGNATURE, signature)])),
    field(FIELD_SIGNED_HEADER_DATA, signedHeaderData),
  ]);
  const prelude = Buffer.alloc(12);
  MAGIC.copy(prelude, 0);
  prelude.writeUInt32LE(3, 4);
  prelude.writeUInt32LE(header.length, 8);
  return { crx: Buffer.concat([prelude, header, zip]), extensionId: extensionIdFromPublicKey(der) };
}

export type Crx3Contents = {
  extensionId: string;
  zip: Buffer;
  /** Whether an RSA proof whose key matches the crx_id verifies over the signed data and the ZIP. */
  signatureValid: boolean;
};

/** Parses and checks a CRX3 file the way a browser would; throws in words on anything malformed. */
export function readCrx3(crx: Buffer): Crx3Contents {
  if (crx.length < 12 || !crx.subarray(0, 4).equals(MAGIC)) throw new Error('not a CRX file: it does not start with "Cr24"');
  const version = crx.readUInt32LE(4);
  if (version !== 3) throw new Error(`unsupported CRX version ${version}; only CRX3 is read`);
  const headerSize = crx.readUInt32LE(8);
  if (12 + headerSize > crx.length) throw new Error('the CRX header is longer than the file');
  const header = readFields(crx.subarray(12, 12 + headerSize));
  const zip = crx.subarray(12 + headerSize);
  const signedHeaderData = header.find((f) => f.number === FIELD_SIGNED_HEADER_DATA)?.value;
  if (!signedHeaderData) throw new Error('the CRX header has no signed_header_data');
  const crxId = readFields(signedHeaderData).find((f) => f.number === FIELD_CRX_ID)?.value;
  if (!crxId || crxId.length !== 16) throw new Error('the CRX signed data has no 16-byte crx_id');
  const extensionId = [...crxId.toString('hex')].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  const payload = signedPayload(signedHeaderData, zip);
  const signatureValid = header
    .filter((f) => f.number === FIELD_SHA256_WITH_RSA)
    .some(({ value }) => {
      const proof = readFields(value);
      const der = proof.find((f) => f.number === FIELD_PUBLIC_KEY)?.value;
      const signature = proof.find((f) => f.number === FIELD_SIGNATURE)?.value;
      if (!der || !signature || extensionIdFromPublicKey(der) !== extensionId) return false;
      try {
        return verify('sha256', payload, createPublicKey({ key: der, format: 'der', type: 'spki' }), signature);
      } catch {
        return false;
      }
    });
  return { extensionId, zip, signatureValid };
}
