import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

type Tree = { [key: string]: string | Tree };
const load = (lang: string): Tree =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `${lang}.json`), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Plural suffixes differ by language (CLDR): compare keys without them. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

// Words that are the same in both languages (names, loanwords); every other Dutch text must differ.
const SAME_IN_BOTH = new Set(['common.appName', 'home.title']);

describe('the translations', () => {
  const en = flatten(load('en'));
  const nl = flatten(load('nl'));

  it('has every English key in Dutch and no Dutch key English lacks', () => {
    const enKeys = [...new Set([...en.keys()].map(base))].sort();
    const nlKeys = [...new Set([...nl.keys()].map(base))].sort();
    expect(nlKeys).toEqual(enKeys);
  });

  it('keeps the placeholders of every text when translated', () => {
    for (const [key, text] of en) {
      const dutch = nl.get(key) ?? nl.get(`${base(key)}_other`);
      expect([key, placeholders(dutch ?? '')]).toEqual([key, placeholders(text)]);
    }
  });

  it('translates every text that is not a name', () => {
    const untranslated = [...nl].filter(
      ([key, text]) => !SAME_IN_BOTH.has(base(key)) && en.get(key) === text,
    );
    expect(untranslated).toEqual([]);
  });
});
