"""Writes odim_v1.h5: an ODIM_H5 composite in the oldest HDF5 format, as libhdf5 writes the real ones.

Debian 12: python3-h5py 3.7.0 on HDF5 1.10.8 (nothing of it is a project dependency).
"""
import h5py
import numpy as np


def s(text):
    return np.bytes_(text)  # fixed-length, NUL-terminated, as ODIM_H5 stores its strings


with h5py.File('odim_v1.h5', 'w', libver='earliest') as f:
    f.attrs['Conventions'] = s('ODIM_H5/V2_3')
    what = f.create_group('what')
    what.attrs['object'] = s('COMP')
    what.attrs['date'] = s('20251117')
    what.attrs['time'] = s('150000')
    what.attrs['source'] = s('ORG:78,CMT:radarbeam test fixture')
    what.attrs['version'] = s('H5rad 2.3')
    where = f.create_group('where')
    where.attrs['projdef'] = s('+proj=stere +lat_ts=60 +lat_0=90 +lon_0=10 +x_0=543571.83521776402'
                               ' +y_0=3622213.861931002 +a=6378137 +b=6356752.314245179 +no_defs')
    where.attrs['xsize'] = np.int64(80)
    where.attrs['ysize'] = np.int64(80)
    where.attrs['xscale'] = 250.0
    where.attrs['yscale'] = 250.0
    for corner, lon, lat in (('UL', 1.463301510256666, 55.862087108249824), ('UR', 18.73161645466747, 55.845438563255755),
                             ('LL', 3.5669946350078914, 45.696425377390064), ('LR', 16.580869348598274, 45.68460578137082)):
        where.attrs[corner + '_lon'] = lon
        where.attrs[corner + '_lat'] = lat
    f.create_group('dataset1/what').attrs['product'] = s('MAX')
    data_what = f.create_group('dataset1/data1/what')
    data_what.attrs['quantity'] = s('DBZH')
    data_what.attrs['gain'] = 0.5
    data_what.attrs['offset'] = -32.0
    data_what.attrs['nodata'] = 255.0
    data_what.attrs['undetect'] = 0.0
    # 80 x 80 uint8 holding (row * 80 + column) % 256, in 10 x 10 chunks of 8 x 8, deflated: 100 chunks,
    # more than one node of the version-1 chunk B-tree holds (64), so the tree has a root above two leaves
    grid = (np.arange(80 * 80) % 256).astype('u1').reshape(80, 80)
    data = f.create_dataset('dataset1/data1/data', data=grid, chunks=(8, 8), compression='gzip', compression_opts=6)
    data.attrs['CLASS'] = s('IMAGE')
    # attributes added after the header was made: libhdf5 puts them in a continuation block of the header
    for i in range(24):
        data.attrs['note%02d' % i] = s('an attribute that fills the header, %02d' % i)
