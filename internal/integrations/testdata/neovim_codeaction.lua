-- Driven by TestNeovim (neovim_test.go) in `nvim --headless`: the
-- snippet of docs/cli.md starts dflint lsp, then this script does what a
-- user does with the 0.7 API. Any failure ends Neovim with exit code 1 and
-- says why on standard error.

local function fail(msg)
  io.stderr:write("neovim_codeaction.lua: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local function main()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("DFLINT_DOCKERFILE")))
  local buf = vim.api.nvim_get_current_buf()
  if vim.bo[buf].filetype ~= "dockerfile" then
    return fail("filetype is '" .. vim.bo[buf].filetype .. "', want dockerfile")
  end

  -- Wait for dflint's diagnostics, and find the one of the rule asked for.
  local rule = os.getenv("DFLINT_RULE")
  local target
  local function find()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == rule then
        target = d
        return true
      end
    end
    return false
  end
  if not vim.wait(20000, find, 20) then
    return fail("no " .. rule .. " diagnostic after 20 s; diagnostics: " .. vim.inspect(vim.diagnostic.get(buf)))
  end
  if target.col == 0 then
    return fail(rule .. " starts at column 1: the test needs a finding that starts later in its line")
  end

  -- The cursor at column 1 of the finding's line, before the finding.
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, 0 })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = {} }
  local responses, err = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
  if not responses then
    return fail("textDocument/codeAction: " .. tostring(err))
  end

  local title = os.getenv("DFLINT_ACTION")
  local chosen
  local titles = {}
  for _, response in pairs(responses) do
    if response.error then
      return fail("textDocument/codeAction answered " .. vim.inspect(response.error))
    end
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if action.title == title then
        chosen = action
      end
    end
  end
  if not chosen then
    return fail("no code action '" .. title .. "' at column 1 of line " .. (target.lnum + 1) .. "; got " .. vim.inspect(titles))
  end

  vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
  vim.cmd("write")
  vim.cmd("qall!")
end

-- As in a user's init.lua: the snippet runs while Neovim starts, and the
-- file is opened once it has started (filetype detection is on by then).
dofile(os.getenv("DFLINT_SNIPPET"))
vim.api.nvim_create_autocmd("VimEnter", {
  nested = true, -- so that opening the file runs the filetype and FileType autocommands
  callback = function()
    local ok, err = pcall(main)
    if not ok then
      fail(tostring(err))
    end
  end,
})
