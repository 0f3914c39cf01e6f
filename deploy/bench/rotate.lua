-- wrk script for deploy/bench-hub: each request takes the next path of a file (each thread
-- starts at a different place, so the server is not answering one cached question), sends
-- the analyst token, and `done` prints one parseable line with the figures bench-hub reports.
-- Usage: wrk ... -s rotate.lua <url> -- PATHS_FILE TOKEN_FILE
local paths, index, auth = {}, 0, nil

local function read_lines(name)
    local lines = {}
    for line in io.lines(name) do
        if line ~= "" then lines[#lines + 1] = line end
    end
    return lines
end

function init(args)
    paths = read_lines(args[1])
    auth = "Bearer " .. read_lines(args[2])[1]
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
    index = math.random(#paths) - 1
end

function request()
    index = index % #paths + 1
    return wrk.format("GET", paths[index], { ["Authorization"] = auth })
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status,
        e.connect + e.read + e.write + e.timeout))
end
