-- Shared piece (composed in by RedisScripts): add a subject's usage to the top sets of a metric.
-- add_to_top(keys, first, count, units, subject, max, expire_ats): keys[first .. first+count-1]
-- are sorted sets (member: subject, score: usage in units), expire_ats[j] the expiry of set j.
-- A set over max members loses its lowest ones, so it stays bounded however many subjects.
local function add_to_top(keys, first, count, units, subject, max, expire_ats)
  for j = 1, count do
    local key = keys[first + j - 1]
    redis.call('ZINCRBY', key, units, subject)
    local size = redis.call('ZCARD', key)
    if size > max then
      redis.call('ZREMRANGEBYRANK', key, 0, size - max - 1)
    end
    redis.call('PEXPIREAT', key, expire_ats[j])
  end
end
