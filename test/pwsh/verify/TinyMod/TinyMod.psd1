@{
    RootModule        = 'TinyMod.psm1'
    ModuleVersion     = '0.1.0'
    GUID              = '6f0d7c39-2b1e-4c55-9d0a-3e1f8c2a7b11'
    Author            = 'test'
    Description       = 'Tiny module for checking the PcmTestPwsh host'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Set-TinyThing', 'Get-TinyProgress')
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
