// CRC-32 (IEEE) as Java's UtilAll.crc32 computes it for BODYCRC: the checksum masked to a non-negative int32.

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export const crc32 = (data: Uint8Array): number => {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};

export const bodyCrc = (body: Uint8Array): number => crc32(body) & 0x7fffffff;
