/**
 * A zip's entries, read with node:zlib alone: each entry's name, and its bytes on demand. Enough for the zips the
 * Zapier CLI writes (stored or deflated entries, sizes in the central directory since it streams them); a Zip64
 * archive is refused by name rather than misread.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export function readZip(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
  if (end < 0 || end + 22 > zip.length) throw new Error(`${file} is not a zip file: it has no end-of-central-directory record`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error(`${file} is a Zip64 archive, which this reader does not read`);

  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`${file}: central directory entry ${i + 1} of ${count} is damaged`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, read: () => readData(zip, { file, name, method, compressedSize, localHeader }) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

interface Located {
  file: string;
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

function readData(zip: Buffer, { file, name, method, compressedSize, localHeader }: Located): Buffer {
  if (zip.readUInt32LE(localHeader) !== LOCAL_HEADER) throw new Error(`${file}: the local header of ${name} is damaged`);
  const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
  const data = zip.subarray(start, start + compressedSize);
  if (method === STORED) return Buffer.from(data);
  if (method === DEFLATED) return inflateRawSync(data);
  throw new Error(`${file}: ${name} uses compression method ${method}; only stored (0) and deflated (8) are read`);
}
