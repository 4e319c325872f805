-- Releases a single-flight marker, but only the caller's own: a marker that expired and
-- was taken by another instance stays.
-- KEYS[1]: the single-flight marker of a cache key
-- ARGV[1]: the token the caller set the marker to
-- Returns 1 if the marker was deleted, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('DEL', KEYS[1])
end
return 0
