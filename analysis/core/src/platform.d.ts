// The few web-platform globals that both runtimes of analysis/core have (browsers and Node
// 18+). Declared by hand because core compiles with neither the DOM lib nor @types/node:
// anything else of either runtime must stay out of this layer.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
interface AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
