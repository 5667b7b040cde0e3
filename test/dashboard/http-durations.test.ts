/** The request-latency histogram renders like prom-client's own histograms. */
import { expect, test } from 'vitest';
import { observeHttpRequest, processMetrics } from '../../src/metrics';

test('request latency renders as a cumulative Prometheus histogram per method, route and status', async () => {
  const route = '/v1/histogram-test/:id';
  for (const seconds of [0.003, 0.07, 0.07, 20]) observeHttpRequest('GET', route, 200, seconds);
  observeHttpRequest('GET', route, 404, 0.001);
  const lines = (await processMetrics.metrics()).split('\n').filter((line) => line.includes(route));
  const name = 'rollwave_http_request_duration_seconds';
  const ok = `method="GET",route="${route}",status="200"`;
  expect(lines).toEqual(
    expect.arrayContaining([
      `${name}_bucket{${ok},le="0.005"} 1`,
      `${name}_bucket{${ok},le="0.05"} 1`,
      `${name}_bucket{${ok},le="0.1"} 3`,
      `${name}_bucket{${ok},le="10"} 3`,
      `${name}_bucket{${ok},le="+Inf"} 4`,
      `${name}_sum{${ok}} 20.143`,
      `${name}_count{${ok}} 4`,
      `${name}_count{method="GET",route="${route}",status="404"} 1`,
    ]),
  );
  expect(lines.filter((line) => line.startsWith(`${name}_bucket{${ok},`))).toHaveLength(12);
});
