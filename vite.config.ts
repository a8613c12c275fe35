import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The studio's renderer: one build served by browser mode (`chronoscope serve`) and loaded
// by the Electron shell from disk. Relative base so both hosts can load it from anywhere.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
