import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanBuild, scanText } from './rendererScan.js';

const BUILD = 'dist/renderer';
const built = existsSync(`${BUILD}/index.html`);

describe('the renderer build scanner', () => {
  it('finds remote scripts, styles and fetches, and code made from text', () => {
    const rules = (file: string, text: string) => scanText(file, text).map((f) => f.rule);
    expect(rules('index.html', '<script type="module" src="https://cdn.example/x.js"></script>')).toEqual([
      'remote script',
    ]);
    expect(rules('index.html', '<link rel="stylesheet" href="//fonts.example/css">')).toEqual([
      'remote link',
    ]);
    expect(rules('index.html', '<script>alert(1)</script>')).toEqual(['inline script']);
    expect(rules('a.css', '@font-face{src:url(https://fonts.example/f.woff2)}')).toEqual([
      'remote url() in CSS',
    ]);
    expect(rules('a.js', 'x=fetch(`https://api.example/v1`)')).toEqual(['fetch of a remote URL']);
    expect(rules('a.js', 'new WebSocket("wss://collect.example")')).toEqual(['remote WebSocket']);
    expect(rules('a.js', 'a=eval(s)')).toEqual(['eval(']);
    expect(rules('a.js', 'f=new Function("a","return a")')).toEqual(['new Function(']);
    expect(rules('a.js', 'let e=Function,t=1;new e("x")')).toEqual(['Function aliased']);
  });

  it('leaves harmless code alone', () => {
    const clean = [
      'fetch(`/upload?name=${n}`,{method:`PUT`})',
      'fetch(e.href,n)',
      'createElementNS(`http://www.w3.org/2000/svg`,`g`)',
      'x instanceof Function',
      'e.evaluate(x); retrieval(y)',
      'try{return Function(``),!0}catch{return!1}',
      'compile(){let e=Function,t=this?.content??[``];return new e(...Object.keys(this.args),t.join(`\n`))}',
    ].join(';');
    expect(scanText('a.js', clean)).toEqual([]);
    expect(
      scanText('index.html', '<script type="module" crossorigin src="./assets/index.js"></script>'),
    ).toEqual([]);
  });
});

describe('the renderer build (dist/renderer)', () => {
  it('loads nothing remote and makes no code from text', () => {
    // `npm test` builds it first; alone, build it with `npx vite build`.
    expect(built, `${BUILD}/index.html is missing: run \`npx vite build\` first`).toBe(true);
    expect(scanBuild(BUILD)).toEqual([]);
  });
});
