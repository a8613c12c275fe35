/**
 * Change points of a count series by binary segmentation on the mean.
 *
 * Method: a segment is split at the index k that most reduces the sum of squared deviations
 * from the segment means (the classic CUSUM-style mean-shift statistic); the split is kept
 * when the reduction exceeds the penalty 2·σ²·ln(n) (a BIC-like cost per extra mean), and
 * both halves are searched again, up to `maxPoints`. σ is estimated robustly from first
 * differences, σ = 1.4826·MAD(Δ)/√2 (at least 0.5, the σ of √ of Poisson counts), so the change
 * itself does not inflate the noise, and
 * the series is compared on √(count) (variance-stabilised for counts). Segments shorter than
 * `minSegment` are not split. Returns split indices (the first index of each new segment).
 */
export function changePoints(series: readonly number[], maxPoints = 5, minSegment = 3): number[] {
  const y = series.map((v) => Math.sqrt(Math.max(0, v)));
  const n = y.length;
  if (n < 2 * minSegment) return [];
  const sigma = robustSigma(y);
  const penalty = 2 * Math.max(sigma * sigma, 1e-9) * Math.log(n);
  const prefix = [0];
  const prefix2 = [0];
  for (const v of y) {
    prefix.push((prefix[prefix.length - 1] as number) + v);
    prefix2.push((prefix2[prefix2.length - 1] as number) + v * v);
  }
  const cost = (a: number, b: number): number => {
    const s = (prefix[b] as number) - (prefix[a] as number);
    const s2 = (prefix2[b] as number) - (prefix2[a] as number);
    return s2 - (s * s) / (b - a);
  };
  const found: number[] = [];
  const queue: [number, number][] = [[0, n]];
  while (queue.length > 0 && found.length < maxPoints) {
    const [a, b] = queue.shift() as [number, number];
    let best = -1;
    let gain = 0;
    for (let k = a + minSegment; k <= b - minSegment; k++) {
      const g = cost(a, b) - cost(a, k) - cost(k, b);
      if (g > gain) [gain, best] = [g, k];
    }
    if (best < 0 || gain <= penalty) continue;
    found.push(best);
    queue.push([a, best], [best, b]);
  }
  return found.sort((p, q) => p - q);
}

function robustSigma(y: readonly number[]): number {
  const diffs = y.slice(1).map((v, i) => v - (y[i] as number));
  const med = median(diffs);
  const sigma = (1.4826 * median(diffs.map((d) => Math.abs(d - med)))) / Math.SQRT2;
  // √ of Poisson counts has σ ≈ 0.5 whatever the rate: the floor for series with few distinct values.
  return Math.max(sigma, 0.5);
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Trailing moving average over `window` points (shorter at the start). */
export function movingAverage(series: readonly number[], window: number): number[] {
  const w = Math.max(1, Math.floor(window));
  let sum = 0;
  return series.map((v, i) => {
    sum += v;
    if (i >= w) sum -= series[i - w] as number;
    return sum / Math.min(i + 1, w);
  });
}
