-- A token bucket per key, refilled continuously; atomic because Redis runs a script alone.
-- KEYS[1] the bucket; ARGV[1] capacity (burst); ARGV[2] tokens added per millisecond.
-- Returns {1, 0} when a token was taken, {0, millis until one is available} otherwise.
local capacity = tonumber(ARGV[1])
local perMilli = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1])
local at = tonumber(bucket[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMilli)
local allowed = 0
local waitMillis = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  waitMillis = math.ceil((1 - tokens) / perMilli)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
-- an untouched bucket is full again after capacity / perMilli: keeping it longer changes nothing
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / perMilli))
return {allowed, waitMillis}
