# The install test (CTest `install`): installs the current build into a fresh prefix, builds
# examples/embed against it with find_package(duly), runs it and checks it printed the
# obligation it must. It proves that the installed headers, the exported duly::duly target and
# dulyConfig.cmake (with its find_dependency lines) are enough for a host program.
#
# Run by CTest as: cmake -DBINARY_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=...
#   -DCXX_COMPILER=... -DBUILD_TYPE=... [-DLAUNCHER=ccache] -P install_test.cmake
foreach(var BINARY_DIR SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "install_test.cmake needs -D${var}=...")
  endif()
endforeach()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()

# Runs one command; any failure ends the test with the command's output.
function(run_step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${name} failed (${result}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(example_build "${WORK_DIR}/embed-build")

run_step("cmake --install" ${CMAKE_COMMAND} --install "${BINARY_DIR}" --prefix "${prefix}"
         --config "${BUILD_TYPE}")
if(NOT EXISTS "${prefix}/include/duly/evaluate.hpp")
  message(FATAL_ERROR "the public headers were not installed under ${prefix}/include/duly")
endif()

set(configure_args -S "${SOURCE_DIR}/examples/embed" -B "${example_build}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
if(LAUNCHER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
run_step("configuring examples/embed" ${CMAKE_COMMAND} ${configure_args})
run_step("building examples/embed" ${CMAKE_COMMAND} --build "${example_build}" -j 1)

find_program(embed NAMES embed PATHS "${example_build}" "${example_build}/${BUILD_TYPE}"
             NO_DEFAULT_PATH REQUIRED)
run_step("running the example" "${embed}")
message("${step_output}")

# 2024-03-04 + 15 working days is Monday 2024-03-25; the ICPCC on the 27th is 2 days late.
set(expected "C1 T14 from 2024-03-04 due 2024-03-25 late by 2 days")
string(FIND "${step_output}" "${expected}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the example's output lacks \"${expected}\"")
endif()
