-- Shared piece of the rate-limit scripts that keep time (composed in by RedisScripts): now, in
-- microseconds, from ARGV[5] when a test replays a schedule, else from the server's TIME.
local now
if ARGV[5] then
  now = tonumber(ARGV[5])
else
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000000 + tonumber(time[2])
end
