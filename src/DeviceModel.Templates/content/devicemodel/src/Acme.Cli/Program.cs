using Acme;
using DeviceModel.Cli;

// Every devmodel command (devices, options, parse, machines, resolve, hints, compat, docs, schema, diff, lspci) over Acme's catalog.
return DevmodelApp.Run(args, AcmeCatalog.Catalog);
