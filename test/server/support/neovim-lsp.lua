-- Drives layerlint-language-server from Neovim's own LSP client, headless (test/server/neovim.test.ts).
-- Written for Neovim 0.7 (Debian bookworm): vim.lsp.start_client + vim.lsp.buf_attach_client, which
-- later versions keep. Run as `nvim --headless --clean -u this.lua <dir>/Containerfile` with
--   LAYERLINT_NODE, LAYERLINT_SERVER  the command: node dist/server.js --stdio
--   LAYERLINT_NVIM_OUT                where the JSON report goes (written on success and on failure)
--   LAYERLINT_NVIM_TIMEOUT            ms to wait for each step (default 20000)
-- Every step waits with a timeout; a failed step records `error` and exits with status 1.
local out_path = assert(vim.env.LAYERLINT_NVIM_OUT, 'LAYERLINT_NVIM_OUT')
local server = assert(vim.env.LAYERLINT_SERVER, 'LAYERLINT_SERVER')
local node = vim.env.LAYERLINT_NODE or 'node'
local TIMEOUT = tonumber(vim.env.LAYERLINT_NVIM_TIMEOUT or '20000')
local CODE = 'kernel-without-initramfs'

local v = vim.version()
local report = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), publishes = {}, log = {} }

local function write_report()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(report))
  f:close()
end

local function finish(status)
  write_report()
  if status == 0 then vim.cmd('qall!') else vim.cmd('cquit! ' .. status) end
end

local function fail(message)
  error({ layerlint = message }, 0)
end

--- The buffer's diagnostics (vim.diagnostic), in a JSON-friendly shape.
local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, code = d.code, source = d.source, message = d.message })
  end
  return list
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
end

local client_id

local function main()
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'dockerfile'
  report.filetype = vim.bo[bufnr].filetype
  local uri = vim.uri_from_bufnr(bufnr)

  client_id = vim.lsp.start_client({
    name = 'layerlint',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        table.insert(report.publishes, { version = result.version or vim.NIL, count = #result.diagnostics })
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
      ['window/logMessage'] = function(_, result)
        table.insert(report.log, result.message)
      end,
    },
    on_exit = function(code, signal)
      report.server_exit = { code = code, signal = signal }
    end,
  })
  if not client_id then fail('vim.lsp.start_client returned nil') end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then fail('vim.lsp.buf_attach_client failed') end
  local client = vim.lsp.get_client_by_id(client_id)
  report.server_pid = client and client.rpc and client.rpc.pid or vim.NIL

  local function alive()
    return report.server_exit == nil
  end
  --- Waits until a publishDiagnostics arrives for the buffer's current version.
  local function await_diagnostics(step)
    local ok = vim.wait(TIMEOUT, function()
      local last = report.publishes[#report.publishes]
      return not alive() or (last ~= nil and last.version == vim.lsp.util.buf_versions[bufnr])
    end, 10)
    if not alive() then fail(step .. ': the server exited') end
    if not ok then fail(string.format('%s: no publishDiagnostics for version %s within %d ms', step, tostring(vim.lsp.util.buf_versions[bufnr]), TIMEOUT)) end
  end
  local function request(method, params, step)
    local results, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
    if not results then fail(string.format('%s: %s got no answer (%s)', step, method, tostring(err))) end
    local answer = results[client_id]
    if not answer then fail(step .. ': ' .. method .. ' got no answer from the layerlint client') end
    if answer.err or answer.error then fail(step .. ': ' .. method .. ' failed: ' .. vim.inspect(answer.err or answer.error)) end
    return answer.result
  end

  -- 1. diagnostics of the opened file
  await_diagnostics('open')
  report.before = { text = buffer_text(bufnr), diagnostics = diagnostics(bufnr) }

  -- 2. hover on the kernel RPM URL
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for lnum, line in ipairs(lines) do
    local col = line:find('https://kojipkgs', 1, true)
    if col then
      local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = lnum - 1, character = col - 1 + 3 } }, 'hover')
      report.hover = hover or vim.NIL
      break
    end
  end

  -- 3. code actions for the kernel finding, with the diagnostics as Neovim hands them to servers
  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == CODE then target = d break end
  end
  if not target then fail('no ' .. CODE .. ' diagnostic after opening') end
  local context = {}
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.lnum)) do
    if d.code == CODE then table.insert(context, d) end
  end
  local range = context[1] and context[1].range or { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } }
  local actions = request('textDocument/codeAction', { textDocument = { uri = uri }, range = range, context = { diagnostics = context } }, 'codeAction') or {}
  report.actions = {}
  local fix
  for _, a in ipairs(actions) do
    table.insert(report.actions, { title = a.title, kind = a.kind or vim.NIL, isPreferred = a.isPreferred or false, hasEdit = a.edit ~= nil, hasCommand = a.command ~= nil })
    if not fix and a.isPreferred and a.edit and a.diagnostics and a.diagnostics[1] and a.diagnostics[1].code == CODE then fix = a end
  end
  if not fix then fail('no preferred code action with an edit for ' .. CODE) end
  report.fix_title = fix.title

  -- 4. apply it the way Neovim does; the buffer change goes back to the server as didChange
  local version_before = vim.lsp.util.buf_versions[bufnr]
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  report.version_changed = vim.lsp.util.buf_versions[bufnr] ~= version_before
  await_diagnostics('after the fix')
  report.after = { text = buffer_text(bufnr), diagnostics = diagnostics(bufnr) }

  -- 5. shut the server down cleanly
  vim.lsp.stop_client(client_id)
  local stopped = vim.wait(TIMEOUT, function() return not alive() end, 10)
  report.stopped = stopped
  return 0
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(main)
    if ok then
      finish(0)
    else
      report.error = type(err) == 'table' and err.layerlint or tostring(err)
      -- Neovim 0.7 leaves a server that ignores the end of its stdin running: stop it (SIGTERM).
      if client_id and report.server_exit == nil then
        pcall(vim.lsp.stop_client, client_id, true)
        vim.wait(2000, function() return report.server_exit ~= nil end, 10)
      end
      finish(1)
    end
  end,
})
