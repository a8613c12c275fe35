import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { openPanel } from './helpers.js';

// test/fixtures/xss: a wedsync export whose actor, entity id, user agent and state values
// are HTML, script and javascript: payloads; each would set window.__xss or alert if it ran.
const ACTOR = '<img src=x onerror="window.__xss=1;alert(1)">';
const ENTITY = '<script>window.__xss=2</script>';

test('an archive full of markup and script shows it all as text and runs none of it', async ({ studio }) => {
  const { page } = studio;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await page.getByTestId('open-path').fill(join(process.cwd(), 'test', 'fixtures', 'xss'));
  await page.getByTestId('open-path').press('Enter');
  await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', 'wedsync', {
    timeout: 120_000,
  });

  // Overview: the actors chart and the rejected line's reason, as text.
  await expect(page.getByTestId('chart-actors')).toContainText(ACTOR);
  await expect(page.getByTestId('rejects')).toBeVisible();

  // Every row's detail, diff included.
  await openPanel(page, 'events');
  const rows = page.locator('[data-testid="events-rows"] > [role="row"]:not(.loading)');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText(ENTITY);
  for (let i = 0; i < 4; i++) {
    await rows.nth(i).click();
    await expect(page.getByTestId('event-detail')).toContainText(`Event #${i}`);
    await expect(page.getByTestId('state-diff')).toBeVisible();
  }
  await rows.nth(0).click();
  await expect(page.getByTestId('event-detail')).toContainText('javascript:window.__xss=5');
  await rows.nth(1).click();
  await expect(page.getByTestId('state-diff')).toContainText(
    '<iframe src=\\"javascript:window.__xss=7\\"></iframe>',
  );
  await studio.screenshot('xss');

  await page.getByTestId('inspect-entity').click();
  await expect(page.getByTestId('entity-state')).toContainText(ENTITY);
  await openPanel(page, 'timeline');
  await page.keyboard.press('?');
  await page.keyboard.press('Escape');

  // Nothing ran, and no element came from the data: no image, frame, script, link or handler.
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const injected = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      images: document.querySelectorAll('img, iframe, object, embed').length,
      inlineScripts: Array.from(document.scripts).filter((s) => !s.src).length,
      links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
      handlers: all.flatMap((el) => Array.from(el.attributes).filter((a) => a.name.startsWith('on'))).length,
    };
  });
  expect(injected).toEqual({ images: 0, inlineScripts: 0, links: [], handlers: 0 });
});
