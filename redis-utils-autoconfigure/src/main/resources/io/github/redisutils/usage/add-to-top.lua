-- Adds a subject's usage to the top sets of a metric (on Cluster, after consume.lua).
-- KEYS[1..m]: the metric's top sets, one per period
-- ARGV[1]: units, ARGV[2]: subject, ARGV[3]: most subjects a set keeps, ARGV[4..]: expiries
-- @include usage/top.lua
local expire_ats = {}
for j = 1, #KEYS do
  expire_ats[j] = ARGV[3 + j]
end
add_to_top(KEYS, 1, #KEYS, tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), expire_ats)
return #KEYS
