import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

export interface OpenedReport {
  page: Page;
  /** Every URL the page asked for, allowed or not. */
  requests: string[];
  /** Every dialog (alert, confirm) the page tried to open. */
  dialogs: string[];
  /** Console messages: a request the report's CSP refused shows up here. */
  console: string[];
  close(): Promise<void>;
}

/**
 * The report without its Content-Security-Policy: the policy would block a stray request
 * before any route sees it, so this copy shows what the content itself asks for.
 */
export function withoutCsp(html: string): string {
  return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
}

/**
 * Opens a report file in headless Chromium as a person would (file://), with every request
 * routed: file: and data: URLs load, anything else is refused and recorded, so a test can
 * assert the report asked the network for nothing.
 */
export async function openReport(path: string): Promise<OpenedReport> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
  const page = await browser.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return /^(file|data):/.test(url) ? route.continue() : route.abort();
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, requests, dialogs, console: messages, close: () => browser.close() };
}
