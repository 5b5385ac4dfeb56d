# Test support (not part of the module): walks PowerShell files' syntax trees in the engine and reports what would not
# run on Windows PowerShell 5.1 or outside the core engine: parse errors, PowerShell 6/7-only syntax, dot-sourcing,
# commands that are neither core-engine commands (-AllowedCommand) nor functions defined in the files, and type literals
# not in -AllowedType. Writes one object per finding: File, Line, Kind, Text.
param([string[]]$Path, [string[]]$AllowedCommand, [string[]]$AllowedType)

$ps7Variables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle', 'PSNativeCommandUseErrorActionPreference', 'PSNativeCommandArgumentPassing')

$trees = @{}
$defined = @()
foreach ($file in $Path) {
    $tokens = $null
    $parseErrors = $null
    $tree = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$parseErrors)
    $trees[$file] = @($tree, $tokens, $parseErrors)
    $defined += @($tree.FindAll({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) | ForEach-Object { $_.Name })
}

foreach ($file in $Path) {
    $tree, $tokens, $parseErrors = $trees[$file]
    foreach ($parseError in $parseErrors) {
        [pscustomobject]@{ File = $file; Line = $parseError.Extent.StartLineNumber; Kind = 'parse error'; Text = $parseError.Message }
    }
    foreach ($node in $tree.FindAll({ $true }, $true)) {
        $type = $node.GetType().Name
        $kind = $null
        if ($type -eq 'TernaryExpressionAst') { $kind = 'ternary ?: (PowerShell 7)' }
        elseif ($type -eq 'PipelineChainAst') { $kind = '&& / || pipeline chain (PowerShell 7)' }
        elseif ($type -eq 'BinaryExpressionAst' -and [string]$node.Operator -eq 'QuestionQuestion') { $kind = '?? (PowerShell 7)' }
        elseif ($type -eq 'AssignmentStatementAst' -and [string]$node.Operator -eq 'QuestionQuestionEquals') { $kind = '??= (PowerShell 7)' }
        elseif (($type -eq 'MemberExpressionAst' -or $type -eq 'InvokeMemberExpressionAst' -or $type -eq 'IndexExpressionAst') -and $node.NullConditional) { $kind = '?. or ?[] (PowerShell 7)' }
        elseif ($type -eq 'ScriptBlockAst' -and $null -ne $node.PSObject.Properties['CleanBlock'] -and $null -ne $node.CleanBlock) { $kind = 'clean block (PowerShell 7.3)' }
        elseif ($type -eq 'PipelineAst' -and $null -ne $node.PSObject.Properties['Background'] -and $node.Background) { $kind = 'background & (PowerShell 6)' }
        elseif ($type -eq 'CommandParameterAst' -and $node.ParameterName -eq 'Parallel') { $kind = '-Parallel (PowerShell 7)' }
        elseif ($type -eq 'TypeDefinitionAst') { $kind = 'class or enum (avoided)' }
        elseif ($type -eq 'VariableExpressionAst' -and $ps7Variables -contains $node.VariablePath.UserPath) { $kind = 'PowerShell 6/7 variable' }
        elseif ($type -eq 'BinaryExpressionAst' -and [string]$node.Operator -match 'replace$' -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst] -and
            $node.Right.Elements[$node.Right.Elements.Count - 1] -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) { $kind = '-replace with a script block (PowerShell 6.1)' }
        elseif ($type -eq 'CommandAst') {
            $name = $node.GetCommandName()
            if ([string]$node.InvocationOperator -eq 'Dot') { $kind = 'dot-sourcing' }
            elseif ($null -eq $name) { $kind = 'command with a computed name' }
            elseif ($AllowedCommand -notcontains $name -and $defined -notcontains $name) { $kind = 'command outside the core engine' }
        }
        elseif (($type -eq 'TypeExpressionAst' -or $type -eq 'TypeConstraintAst') -and $AllowedType -notcontains $node.TypeName.FullName) { $kind = 'type not known to be in Windows PowerShell 5.1' }
        if ($null -ne $kind) { [pscustomobject]@{ File = $file; Line = $node.Extent.StartLineNumber; Kind = $kind; Text = $node.Extent.Text } }
    }
    foreach ($token in $tokens) {
        if (([string]$token.Kind -eq 'StringExpandable' -or [string]$token.Kind -eq 'HereStringExpandable') -and $token.Text -match '`u\{') {
            [pscustomobject]@{ File = $file; Line = $token.Extent.StartLineNumber; Kind = '`u{} escape (PowerShell 6)'; Text = $token.Text }
        }
    }
}
