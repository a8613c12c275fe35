import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  asarUnpack: string[];
  files: string[];
  fileAssociations: { ext: string; mimeType?: string }[];
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  electronFuses: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

describe('packaging (electron-builder.yml)', () => {
  it("passes electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, apId: 'typo' }, new DebugLogger(false))).rejects.toThrow(
      /unknown property 'apId'/,
    );
  });

  it('builds AppImage and deb, dmg, nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config['appId']).toBe('app.chronoscope.studio');
  });

  it('keeps the DuckDB binding (N-API) and the demos outside the asar, and never rebuilds it', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/@duckdb/**', 'assets/demo/**']));
    expect(config['npmRebuild']).toBe(false);
  });

  it('opens .auditpack and .chronocase.json files', () => {
    expect(config.fileAssociations.map((a) => a.ext)).toEqual(['auditpack', 'chronocase.json']);
    for (const association of config.fileAssociations) expect(association.mimeType).toBeTruthy();
  });

  it('ships what the shell loads, and turns off the fuses that make it a general Node', () => {
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'assets/demo/**']),
    );
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
    expect(pkg.scripts['dist']).toContain('electron-builder');
  });

  it('has a 512x512 PNG icon for electron-builder to derive every platform icon from', () => {
    const png = readFileSync('assets/icons/icon.png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
