import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));
const REPO_ROOT = path.resolve(APP_DIR, '../..');
export const SCREENSHOTS = path.join(APP_DIR, 'screenshots');
export const screenshotPath = (name: string) => path.join(SCREENSHOTS, `${name}.png`);
const CHROMIUM = '/usr/bin/chromium';

/**
 * describe() when Chromium is installed. Without it the suite is skipped with a plain message,
 * unless REQUIRE_BROWSER=1 asks for a failure instead.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
  } else if (process.env.REQUIRE_BROWSER === '1') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium".`);
      });
    });
  } else {
    console.warn(`Skipping the browser tests: ${CHROMIUM} is missing (apt-get install -y chromium; REQUIRE_BROWSER=1 makes this an error).`);
    describe.skip(name, body);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The API as a script calls it, to set a scene faster than the screens would. */
export async function callApi<T = unknown>(stack: Stack, method: string, path: string, body?: unknown, token?: string, key?: string): Promise<T> {
  const response = await fetch(`${stack.baseUrl}/api${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(key ? { 'Idempotency-Key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(data)}`);
  return data as T;
}

export interface Stack {
  baseUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

/** Builds the H5 app if missing, starts the real server on a free port with a fresh database (and `env`), opens Chromium. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const build = spawnSync(process.execPath, [path.join(APP_DIR, 'scripts/ensure-h5.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The H5 build failed.');

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xiaocang-e2e-'));
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let stopping = false;
  server.once('exit', (code) => {
    if (!stopping) console.error(`The server stopped unexpectedly (exit ${code}):\n${output}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForServer(baseUrl, server, () => output);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl,
    browser,
    async stop() {
      stopping = true;
      await browser.close();
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForServer(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not start:\n${output()}`);
}

/** Waits until the element shows the expected text: screens fill in as their requests answer. */
export async function see(locator: Locator, expected: string | RegExp, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let actual = '';
  while (Date.now() < deadline) {
    actual = ((await locator.first().textContent({ timeout: 1_000 }).catch(() => null)) ?? '').trim();
    if (typeof expected === 'string' ? actual === expected : expected.test(actual)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Expected ${String(expected)} in ${locator.toString()}, but it shows "${actual}"`);
}

/** Waits until exactly `expected` elements match. */
export async function seeCount(locator: Locator, expected: number, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let actual = -1;
  while (Date.now() < deadline) {
    actual = await locator.count();
    if (actual === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Expected ${expected} of ${locator.toString()}, but there are ${actual}`);
}

/** Drives the app like a person on a 375 px phone. */
export class Phone {
  /** Uncaught errors of the page: a test fails on any of them when it closes the phone. */
  private readonly errors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.errors.push(error.message));
  }

  static async open(stack: Stack): Promise<Phone> {
    // A phone in China, as the shops' are: the screenshots show the times a shop owner sees. (The app itself reads
    // dates and times on the shop's clock whatever the phone's zone: lib/format.ts.)
    const context = await stack.browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const phone = new Phone(page);
    await page.goto(`${stack.baseUrl}/`);
    return phone;
  }

  /** The visible screen with this class; H5 keeps earlier screens of the stack hidden in the DOM. */
  screen(name: string): Locator {
    return this.page.locator(`.${name}`).filter({ visible: true });
  }

  async waitFor(name: string): Promise<Locator> {
    const screen = this.screen(name);
    try {
      await screen.first().waitFor({ state: 'visible', timeout: 20_000 });
    } catch (error) {
      // What the router holds says why a screen never showed: the address and each screen of the stack.
      const stackNow = await this.page.evaluate(() => [location.hash, ...Array.from(document.querySelectorAll('.taro_page'), (screen) => `${screen.id}: ${screen.className}`)]);
      throw new Error(`.${name} did not show. Router: ${stackNow.join(' | ')}`, { cause: error });
    }
    return screen.first();
  }

  /** Signs in from the login screen and waits for home. */
  async signIn(who: { username: string; password: string }): Promise<Locator> {
    const login = await this.waitFor('page-login');
    await this.fill(login, 'username', who.username);
    await this.fill(login, 'password', who.password);
    await login.locator('.submit-login').click();
    return this.waitFor('page-home');
  }

  async fill(screen: Locator, field: string, value: string): Promise<void> {
    await screen.locator(`.field-${field} input, .field-${field} textarea`).first().fill(value);
  }

  async choose(screen: Locator, field: string, option: string): Promise<void> {
    await screen.locator(`.field-${field} .field__value`).click();
    await screen.locator('.sheet .option').filter({ hasText: option }).first().click();
  }

  /** Opens the product picker, searches and picks one unit; a picker that takes several is then closed with 选好了. */
  async pickProduct(screen: Locator, name: string): Promise<void> {
    await screen.locator('.add-line .dashed').first().click();
    const sheet = screen.locator('.sheet');
    await sheet.locator('.search input').fill(name);
    await sheet.locator('.product-option').filter({ hasText: name }).first().click();
    const done = sheet.locator('.picker-done');
    if (await done.count()) await done.click();
  }

  /** Answers "确定" in the confirmation dialog. */
  async confirmDialog(): Promise<void> {
    await this.page.getByText('确定', { exact: true }).filter({ visible: true }).last().click();
  }

  async tab(name: '首页' | '商品' | '单据' | '库存' | '我的'): Promise<void> {
    await this.page.locator('.tabbar__item').filter({ visible: true, hasText: name }).click();
  }

  async shot(name: string): Promise<void> {
    // Let fonts, toasts and transitions settle so the picture shows the screen, not a frame of an animation.
    await this.page
      .waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((toast) => toast.style.display === 'none'), undefined, { timeout: 5_000 })
      .catch(() => undefined);
    await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.page.waitForTimeout(400);
    await this.page.screenshot({ path: screenshotPath(name) });
  }

  /** Taps what downloads a file, keeps the file beside the screenshots as `name`, and returns its bytes. */
  async download(trigger: Locator, name: string): Promise<Buffer> {
    const [file] = await Promise.all([this.page.waitForEvent('download', { timeout: 20_000 }), trigger.click()]);
    await file.saveAs(path.join(SCREENSHOTS, name));
    return readFileSync(path.join(SCREENSHOTS, name));
  }

  /** The browser's back button. */
  /**
   * The browser's back button, once the router has put the top screen's address in the history: a screen can
   * show a moment before, and going back then would leave the screen below hidden.
   */
  async back(): Promise<void> {
    await this.page.waitForFunction(() => {
      const screens = document.querySelectorAll('.taro_router > .taro_page');
      const top = screens[screens.length - 1];
      return top !== undefined && location.hash.slice(1).split('?')[0] === top.id.split('?')[0];
    });
    await this.page.goBack();
  }

  async close(): Promise<void> {
    await this.page.context().close();
    if (this.errors.length > 0) throw new Error(`The page threw:\n${this.errors.join('\n')}`);
  }
}
