function Set-TinyThing {
    <#
    .SYNOPSIS
    Sets a tiny thing (test function).
    .DESCRIPTION
    An advanced function used to check the PcmTestPwsh host: verbose, warning, ShouldProcess.
    .PARAMETER Name
    The name of the thing.
    .EXAMPLE
    Set-TinyThing -Name foo
    Sets the thing called foo.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)]
        [string]$Name
    )
    $PSCmdlet.WriteVerbose("Setting $Name")
    $PSCmdlet.WriteWarning("Careful with $Name")
    if ($PSCmdlet.ShouldProcess($Name, 'Set tiny thing')) {
        "Set $Name"
    }
}

function Get-TinyProgress {
    [CmdletBinding()]
    param()
    $PSCmdlet.WriteProgress([System.Management.Automation.ProgressRecord]::new(1, 'Working', 'Half way'))
    $PSCmdlet.WriteDebug('debug message')
    'done'
}

Export-ModuleMember -Function Set-TinyThing, Get-TinyProgress
