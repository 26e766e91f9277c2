// Which of the README's pictures (docs/images/NAME.png, the screenshot of editor step NAME; see
// scripts/screenshots.mjs) no longer look like this run's screenshot of their step. Compared pixel by
// pixel in the browser the tests already run; a notice, not a failure: `npm run screenshots` updates them.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const dataUrl = (file) => `data:image/png;base64,${readFileSync(file).toString('base64')}`;

/** `[image, share of differing pixels]` for each picture whose step this run shot and that differs. */
export async function staleDocImages(browser, repo, shots) {
  const images = join(repo, 'docs/images');
  if (!existsSync(images)) return [];
  const shotOf = new Map(readdirSync(shots).flatMap((f) => {
    const m = /^(untrusted-)?\d+-([\w-]+)\.png$/.exec(f);
    return m ? [[`${m[1] ?? ''}${m[2]}.png`, join(shots, f)]] : [];
  }));
  const page = await browser.newPage();
  try {
    const stale = [];
    for (const image of readdirSync(images).filter((f) => shotOf.has(f))) {
      const share = await page.evaluate(async ([a, b]) => {
        const pixels = async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = new OffscreenCanvas(img.width, img.height);
          const context = canvas.getContext('2d');
          context.drawImage(img, 0, 0);
          return context.getImageData(0, 0, img.width, img.height);
        };
        const [x, y] = await Promise.all([pixels(a), pixels(b)]);
        if (x.width !== y.width || x.height !== y.height) return 1;
        let differing = 0;
        for (let i = 0; i < x.data.length; i += 4) {
          const delta = Math.abs(x.data[i] - y.data[i]) + Math.abs(x.data[i + 1] - y.data[i + 1]) + Math.abs(x.data[i + 2] - y.data[i + 2]);
          if (delta > 48) differing++;
        }
        return differing / (x.width * x.height);
      }, [dataUrl(join(images, image)), dataUrl(shotOf.get(image))]);
      // A blinking cursor or a caret is a few dozen pixels; changed output is thousands.
      if (share > 0.002) stale.push([image, share]);
    }
    return stale;
  } finally {
    await page.close();
  }
}
