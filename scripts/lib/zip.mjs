// @ts-check
// A minimal zip reader and writer (store and deflate, with Node's own zlib), for student
// submissions: `npm run submit` writes one, `npm run grade` reads them. The reader never writes
// anything to disk, and refuses archives that are malformed, encrypted, zip64, or that would
// inflate past a size cap (zip bombs).
import zlib from "node:zlib";

/** A zip that cannot be read; the message is in Spanish. */
export class ZipError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "ZipError";
  }
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/** @type {Uint32Array | undefined} */
let crcTable;
/**
 * CRC-32 of `data` (zlib.crc32 where Node has it).
 * @param {Buffer} data
 */
export function crc32(data) {
  const native = /** @type {{ crc32?: (d: Buffer) => number }} */ (zlib).crc32;
  if (typeof native === "function") return native(data) >>> 0;
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * MS-DOS time and date of `d` (local time, 2-second resolution).
 * @param {Date} d
 */
function dosDateTime(d) {
  const year = Math.max(1980, d.getFullYear());
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
  const date = ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, date };
}

/**
 * Writes, at `at`, the fields that a local header and a central directory entry share.
 * @param {Buffer} buf
 * @param {number} at
 * @param {{ time: number, date: number, crc: number, packed: number, raw: number, name: number }} f
 */
function writeEntryFields(buf, at, f) {
  buf.writeUInt16LE(20, at); // version needed: 2.0
  buf.writeUInt16LE(0x0800, at + 2); // UTF-8 names
  buf.writeUInt16LE(8, at + 4); // deflate
  buf.writeUInt16LE(f.time, at + 6);
  buf.writeUInt16LE(f.date, at + 8);
  buf.writeUInt32LE(f.crc, at + 10);
  buf.writeUInt32LE(f.packed, at + 14);
  buf.writeUInt32LE(f.raw, at + 18);
  buf.writeUInt16LE(f.name, at + 22);
}

/**
 * A zip archive holding `entries` (deflated, UTF-8 names).
 * @param {{ name: string, data: Buffer | string, date?: Date }[]} entries
 * @returns {Buffer}
 */
export function writeZip(entries) {
  /** @type {Buffer[]} */
  const locals = [];
  /** @type {Buffer[]} */
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    const packed = zlib.deflateRawSync(raw, { level: 9 });
    const { time, date } = dosDateTime(entry.date ?? new Date());
    const crc = crc32(raw);
    // The local header and the central directory entry share their fields from "version needed"
    // to the name's length; the central entry has "version made by" before them.
    const fields = { time, date, crc, packed: packed.length, raw: raw.length, name: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    writeEntryFields(local, 4, fields);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4); // version made by: 2.0
    writeEntryFields(central, 6, fields);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * The files in a zip archive (folders skipped), decompressed, in archive order.
 * @param {Buffer} buf
 * @param {{ maxTotalBytes?: number, maxEntries?: number }} [limits]
 * @returns {{ name: string, data: Buffer }[]}
 */
export function readZip(buf, { maxTotalBytes = 200 * 1024 * 1024, maxEntries = 10000 } = {}) {
  if (buf.length < 22) throw new ZipError("no es un zip (el archivo es demasiado corto)");
  let endAt = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === END) {
      endAt = i;
      break;
    }
  }
  if (endAt < 0) throw new ZipError("no es un zip (no encontré el directorio central)");
  const count = buf.readUInt16LE(endAt + 10);
  const cdSize = buf.readUInt32LE(endAt + 12);
  const cdOffset = buf.readUInt32LE(endAt + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError("zip64 no está admitido");
  if (count > maxEntries) throw new ZipError(`el zip tiene demasiados archivos (${count})`);
  if (cdOffset + cdSize > endAt) throw new ZipError("el zip está dañado (directorio central fuera del archivo)");
  /** @type {{ name: string, data: Buffer }[]} */
  const out = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > endAt || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError("el zip está dañado (entrada del directorio central)");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localAt = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x0800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (flags & 1) throw new ZipError(`'${name}' está cifrado`);
    if (csize === 0xffffffff || usize === 0xffffffff || localAt === 0xffffffff) throw new ZipError("zip64 no está admitido");
    total += usize;
    if (total > maxTotalBytes) throw new ZipError(`el zip descomprimido pasaría de ${Math.round(maxTotalBytes / 1048576)} MB`);
    if (localAt + 30 > buf.length || buf.readUInt32LE(localAt) !== LOCAL) throw new ZipError(`el zip está dañado ('${name}')`);
    const start = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    if (start + csize > buf.length) throw new ZipError(`el zip está cortado ('${name}')`);
    const packed = buf.subarray(start, start + csize);
    /** @type {Buffer} */
    let data;
    if (method === 0) data = Buffer.from(packed);
    else if (method === 8) {
      try {
        data = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, usize) });
      } catch {
        throw new ZipError(`no pude descomprimir '${name}'`);
      }
    } else throw new ZipError(`'${name}' usa un método de compresión no admitido (${method})`);
    if (data.length !== usize || crc32(data) !== crc) throw new ZipError(`'${name}' está dañado (CRC o tamaño incorrectos)`);
    out.push({ name, data });
  }
  return out;
}
