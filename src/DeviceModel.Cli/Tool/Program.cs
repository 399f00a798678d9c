using System;
using DeviceModel.Cli.Tool;

return DevmodelTool.Run(args, Console.Out, Console.Error);
