-- wrk's side of the batch figures: a server's ceiling at the batch's concurrency, POSTing the
-- very request the refundkit client sends (refundkit-bench-batch captures it and passes it in).
--   BENCH_PATH     the request path, e.g. /order/BENCH-1/refund
--   BENCH_HEADERS  "Name: value" lines, without Host and Content-Length (wrk writes those)
--   BENCH_BODY     the JSON body
--   BENCH_ORDERS   unset: every request the same (the echo server does not care). N: each
--                  request gets a reference of its own and goes to order BENCH-<k mod N>, with
--                  "{order}" in BENCH_PATH standing for the order number (the sandbox refuses a
--                  reused reference, and an order that piles up refunds gets slower).
wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH")
wrk.body = os.getenv("BENCH_BODY")
for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
  local name, value = string.match(line, "^([^:]+): (.*)$")
  if name then
    wrk.headers[name] = value
  end
end

local orders = tonumber(os.getenv("BENCH_ORDERS") or "")
if orders then
  local threads = 0
  function setup(thread)
    thread:set("thread_number", threads)
    threads = threads + 1
  end

  local sent = 0
  -- Defined only here: with a request() function wrk builds every request anew, which costs it
  -- time, so the echo server's ceiling is measured without one.
  function request()
    sent = sent + 1
    local path = string.gsub(wrk.path, "{order}", tostring(sent % orders))
    local reference = string.format('"externalReference":"rk-w%d-%08d"', thread_number, sent)
    local body = string.gsub(wrk.body, '"externalReference":"[^"]*"', reference, 1)
    return wrk.format(nil, path, nil, body)
  end
end
