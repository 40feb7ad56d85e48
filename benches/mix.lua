-- wrk script: cycles through the benchmark query mix (the same shapes as benches/support/mix.rs)
-- and prints requests/s, latency percentiles and errors in one line at the end.
local paths = {
  "/search?q=asyncio+",
  "/search?q=garbage+collection+",
  "/search?q=%22data+pipelines%22",
  "/search?q=kubernets+deploymnt+",
  "/search?q=observ",
  "/search?q=pandas+&kind=talk&year=2017",
  "/search?q=testing+pandas+&facets=kind,year,speaker,tag",
  "/search?q=kubernetes+&sort=date",
}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "RESULT requests/s %.0f p50 %.2f ms p99 %.2f ms p99.9 %.2f ms errors %d requests %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    errors, summary.requests))
end
