// The wire format of the transcripts one relay process sends another in one pub/sub message: UTF-8 bytes,
// `keyBytes:textBytes:` then the listen key and the frame text, repeated. Built and read as Buffers, so that a
// transcript's text is never decoded or re-encoded between the agent's socket and the listener's.

/** Encodes queued transcripts (`[key, text, key, text, …]`) into one message. */
export function encodeTranscripts(items: readonly string[]): Buffer {
  const lengths: number[] = new Array<number>(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const bytes = Buffer.byteLength(items[i]!);
    lengths[i] = bytes;
    total += bytes;
    if (i % 2 === 1) total += digits(lengths[i - 1]!) + digits(bytes) + 2;
  }
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < items.length; i += 2) {
    at += out.write(`${lengths[i]}:${lengths[i + 1]}:`, at, 'latin1');
    at += out.write(items[i]!, at);
    at += out.write(items[i + 1]!, at);
  }
  return out;
}

const COLON = 0x3a;

/** Calls `each` with every transcript of a message: the key as text, the frame text as a view of its bytes. */
export function forEachTranscript(message: Buffer, each: (key: string, text: Buffer) => void): void {
  let at = 0;
  const number = (): number => {
    let n = 0;
    for (let c = message[at]; c !== COLON; c = message[at]) {
      if (c === undefined || c < 0x30 || c > 0x39) throw new Error('malformed transcript batch');
      n = n * 10 + c - 0x30;
      at++;
    }
    at++;
    return n;
  };
  while (at < message.length) {
    const keyBytes = number();
    const textBytes = number();
    const keyEnd = at + keyBytes;
    const textEnd = keyEnd + textBytes;
    if (textEnd > message.length) throw new Error('truncated transcript batch');
    each(message.toString('utf8', at, keyEnd), message.subarray(keyEnd, textEnd));
    at = textEnd;
  }
}

function digits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : n < 100_000 ? 5 : String(n).length;
}
