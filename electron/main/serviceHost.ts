// Runs the analysis service in an Electron utilityProcess and gives each renderer page its
// own MessagePort to it. Control messages follow analysis/service/src/hosts/portHost.ts
// (HostControl); the shell may not import the service, so the two literals are repeated.
import { MessageChannelMain, utilityProcess } from 'electron';
import type { UtilityProcess, WebFrameMain } from 'electron';
import { IPC_PORT } from '../common/index.js';
import type { Log } from './hardening.js';

/** A service that keeps crashing (a missing native binding, say) is not restarted forever. */
const MAX_RESTARTS = 3;

export interface ServiceHostOptions {
  entry: string;
  args: string[];
  log: Log;
  /** Called once the restarts are spent: the studio cannot work without its service. */
  onGiveUp(code: number): void;
}

export class ServiceHost {
  private child: UtilityProcess | null = null;
  private restarts = 0;
  private stopping = false;
  /** The main frame of each window (by webContents id), to reconnect after a restart. */
  private readonly frames = new Map<number, WebFrameMain>();

  constructor(private readonly options: ServiceHostOptions) {}

  /** Hands `frame` (a page of `contentsId`) a fresh port to the service. */
  connect(contentsId: number, frame: WebFrameMain): void {
    this.frames.set(contentsId, frame);
    const { port1, port2 } = new MessageChannelMain();
    this.process().postMessage({ type: 'connect' }, [port1]);
    frame.postMessage(IPC_PORT, null, [port2]);
  }

  forget(contentsId: number): void {
    this.frames.delete(contentsId);
  }

  /** A shell event (a file to open, a menu command) for the studio, on the contract's push topics. */
  push(topic: 'app.open' | 'app.command', payload: unknown): void {
    this.process().postMessage({ type: 'push', topic, payload });
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill();
    this.child = null;
  }

  private process(): UtilityProcess {
    if (this.child) return this.child;
    const child = utilityProcess.fork(this.options.entry, this.options.args, {
      serviceName: 'Chronoscope analysis service',
      stdio: 'inherit',
    });
    child.on('exit', (code) => this.exited(child, code));
    this.child = child;
    return child;
  }

  private exited(child: UtilityProcess, code: number): void {
    if (this.child !== child || this.stopping) return;
    this.child = null;
    this.options.log(`analysis service exited with code ${code}`);
    if (this.restarts >= MAX_RESTARTS) {
      this.options.onGiveUp(code);
      return;
    }
    this.restarts += 1;
    for (const [id, frame] of this.frames) {
      if (frame.isDestroyed()) this.frames.delete(id);
      else this.connect(id, frame);
    }
  }
}
