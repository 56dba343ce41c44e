#!/usr/bin/env node
// A large fastText-format file for out-of-core training benchmarks, made from
// the SOTU training split (`argmax datasets sotu --out DIR` writes DIR/train.txt):
//
//   node scripts/make-big-text.mjs DIR/train.txt OUT.txt [--bytes N] [--seed S]
//
// Each line is a new 3-sentence chunk of one party: the party is drawn in
// proportion to its number of chunks in the source, then three sentences are
// drawn uniformly, with replacement, from all of that party's sentences (so
// lines are new combinations, not copies of source lines, and the vocabulary
// is the source's plus the word pairs across sentence boundaries). A seeded
// generator (mulberry32) makes the file the same for the same seed. Lines are
// added until the file reaches --bytes (default 1e9). The file is written
// beside OUT and renamed into place when complete.
import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const v = Number(args[at + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${name}: expected a non-negative integer, got ${JSON.stringify(args[at + 1])}`);
    process.exit(2);
  }
  args.splice(at, 2);
  return v;
};
const targetBytes = flag('bytes', 1e9);
const seed = flag('seed', 1);
if (args.length !== 2) {
  console.error('usage: node scripts/make-big-text.mjs SOURCE.txt OUT.txt [--bytes N] [--seed S]');
  process.exit(2);
}
const [source, out] = args;

function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Sentences end at . ! or ? followed by a space (the source chunks are 3 such sentences).
const SENTENCE_END = /(?<=[.!?]["')\]]?)\s+/;
const byParty = new Map();
for (const line of readFileSync(source, 'utf8').split('\n')) {
  const m = /^__label__(\S+)\s+(.*)$/.exec(line);
  if (!m) continue;
  let party = byParty.get(m[1]);
  if (!party) byParty.set(m[1], (party = { chunks: 0, sentences: [] }));
  party.chunks++;
  for (const s of m[2].split(SENTENCE_END)) if (s.trim() !== '') party.sentences.push(s.trim());
}
const parties = [...byParty.keys()].sort();
if (parties.length === 0) {
  console.error(`${source}: no fastText lines (__label__X text)`);
  process.exit(1);
}
const totalChunks = parties.reduce((s, p) => s + byParty.get(p).chunks, 0);
const random = mulberry32(seed);
const tmp = `${out}.${process.pid}.tmp`;
const fd = openSync(tmp, 'w');
let written = 0;
let lines = 0;
let batch = [];
let batchBytes = 0;
const flush = () => {
  const buf = Buffer.from(batch.join(''), 'utf8');
  writeSync(fd, buf);
  written += buf.length;
  batch = [];
  batchBytes = 0;
};
while (written + batchBytes < targetBytes) {
  let r = random() * totalChunks;
  let party = parties[parties.length - 1];
  for (const p of parties) {
    r -= byParty.get(p).chunks;
    if (r < 0) {
      party = p;
      break;
    }
  }
  const { sentences } = byParty.get(party);
  const pick = () => sentences[Math.floor(random() * sentences.length)];
  const line = `__label__${party} ${pick()} ${pick()} ${pick()}\n`;
  batch.push(line);
  batchBytes += Buffer.byteLength(line);
  lines++;
  if (batchBytes >= 8 << 20) flush();
}
flush();
closeSync(fd);
renameSync(tmp, out);
console.log(`${out}: ${lines} lines, ${written} bytes (${parties.map((p) => `${p} ${byParty.get(p).sentences.length} sentences`).join(', ')}; seed ${seed})`);
