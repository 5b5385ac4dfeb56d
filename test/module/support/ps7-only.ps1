# Test support: a file of everything test/module/support/compat.ps1 must report (the check's own negative control).
# Not part of the module, and never run.
$a = $true ? 1 : 2
Get-Thing && Get-Other
$b = $null ?? 3
$c ??= 4
$d = ${a}?.Length
$e = ${a}?[0]
1..3 | ForEach-Object -Parallel { $_ }
Start-Sleep 1 &
class Room { [string]$Name }
$f = $IsWindows
$g = 'a' -replace 'a', { 'b' }
$h = "`u{2013}"
. ./other.ps1
& $command
Write-Output 'not core'
$i = [System.Text.Json.JsonSerializer]
function Inner { clean { } }
