-- Reads one metric from a subject's counters of several periods.
-- KEYS: the counter hashes; ARGV[1]: the metric
-- Returns the units per key, 0 where there is none; a stored value that is no number raises
-- 'MALFORMED <metric>'.
-- @include core/stored-number.lua
local reply = {}
for i = 1, #KEYS do
  reply[i] = stored_number(redis.call('HGET', KEYS[i], ARGV[1]), ARGV[1] .. ' (in ' .. KEYS[i] .. ')') or 0
end
return reply
