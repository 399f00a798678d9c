using System;
using DeviceModel.Cli;

return DevmodelCli.Run(args, Console.Out, Console.Error);
