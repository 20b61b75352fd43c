// The sources built into the library, registered under their names in source_kinds.cpp
// (private to the library).
#pragma once

#include <duly/sources.hpp>

#include <filesystem>
#include <memory>

namespace duly::sources {

// duly's own files (docs/cli.md, "Data in").
std::unique_ptr<DataSource> events_file_source(const std::filesystem::path& file);
std::unique_ptr<DataSource> cases_file_source(const std::filesystem::path& file);

// The DfE returns (docs/importers.md).
std::unique_ptr<DataSource> ssda903_source(const std::filesystem::path& folder);
std::unique_ptr<DataSource> cin_census_source(const std::filesystem::path& file);

// The Standard Safeguarding Dataset (docs/importers.md): a folder of one CSV file per table, or
// the tables themselves over ODBC, `path` being the connection string.
std::unique_ptr<DataSource> ssd_source(const std::filesystem::path& folder);
std::unique_ptr<DataSource> ssd_odbc_source(const std::filesystem::path& connection);

}  // namespace duly::sources
